package io.sluice.firehose.source;

import io.sluice.engine.store.MetaStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How far a KinesisStreamAsSource delivery stream has copied each shard of its source stream into its durable
 * buffer (and an MSKAsSource one each partition of its topic: {@code kafka-<partition>}, the next offset). Kept in the metadata store under {@code source/<buffer name>/<shard id>}: the sequence number of the last
 * record copied, or {@code SHARD_END} once a closed shard has been copied to its end. A position is saved only
 * after the records up to it are durable in the buffer, so a restart copies a few records again at worst, and
 * another node reads them again when the delivery stream's work moves to it ({@link #reload}).
 *
 * <p>Threading: used by the stream's delivery thread only.
 */
final class ShardPositions {

    static final String SHARD_END = "SHARD_END";
    private static final String PREFIX = "source/";

    private final MetaStore store;
    private final String prefix;
    private final Map<String, String> positions = new HashMap<>();

    ShardPositions(MetaStore store, String bufferName) {
        this.store = store;
        this.prefix = PREFIX + bufferName + "/";
        reload();
    }

    /** Reads the positions again from the store: another node may have copied further. */
    void reload() {
        positions.clear();
        store.entries().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                positions.put(key.substring(prefix.length()), new String(value, StandardCharsets.UTF_8));
            }
        });
    }

    /** The position of a shard, or null if nothing was copied from it yet. */
    String get(String shardId) {
        return positions.get(shardId);
    }

    boolean finished(String shardId) {
        return SHARD_END.equals(positions.get(shardId));
    }

    void put(String shardId, String position) {
        try {
            store.put(prefix + shardId, position.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        positions.put(shardId, position);
    }

    /** Forgets every position, for a deleted delivery stream. */
    void clear() throws IOException {
        for (String shardId : positions.keySet()) {
            store.delete(prefix + shardId);
        }
        positions.clear();
    }
}
