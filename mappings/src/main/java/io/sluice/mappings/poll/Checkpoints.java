package io.sluice.mappings.poll;

import io.sluice.engine.store.MetaStore;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A mapping's per-shard checkpoints in the engine's metadata store, under
 * {@code mapping-checkpoint/<uuid>/<shardId>} ({@link CheckpointCodec} gives the format). Each put is durable when
 * it returns; on a shared store every node sees them, so a mapping moved to another node resumes there.
 *
 * <p><b>Threading</b>: {@link #load}, {@link #save} from the mapping's task thread; {@link #deleteAll} from any
 * thread once the task is stopped.
 */
final class Checkpoints {

    static final String PREFIX = "mapping-checkpoint/";
    static final long SYNC_TIMEOUT_SECONDS = 30;

    private final MetaStore store;
    private final String prefix;

    Checkpoints(MetaStore store, String uuid) {
        this.store = store;
        this.prefix = PREFIX + uuid + "/";
    }

    /**
     * Every shard's checkpoint, by shard id, once this node's view holds every change committed before the call:
     * a mapping moved here from another node resumes from that node's last checkpoints, not older ones.
     *
     * @throws IOException the store did not catch up within {@link #SYNC_TIMEOUT_SECONDS} seconds
     */
    Map<String, Checkpoint> load() throws IOException {
        try {
            store.sync().get(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the metadata store did not catch up to load mapping checkpoints", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading mapping checkpoints", e);
        }
        Map<String, Checkpoint> out = new HashMap<>();
        store.entries().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), CheckpointCodec.decode(value, key));
            }
        });
        return out;
    }

    void save(String shardId, Checkpoint checkpoint) throws IOException {
        store.put(prefix + shardId, CheckpointCodec.encode(checkpoint));
    }

    /** Deletes every checkpoint of the mapping. */
    void deleteAll() throws IOException {
        List<String> keys = store.entries().keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        for (String key : keys) {
            store.delete(key);
        }
    }
}
