package io.sluice.engine;

import io.sluice.storage.LogStore;
import io.sluice.storage.MetadataStore;
import io.sluice.storage.ShardLog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams that exist, their metadata (persisted in the {@link MetadataStore} before a change is visible),
 * and the runtime state of their shards.
 *
 * <p>Threading: reads ({@link #get}, {@link #all}) are lock-free from any thread; changes are serialised by the
 * registry's monitor, so a read-modify-write done under {@code synchronized (registry)} is atomic.
 */
final class StreamRegistry {

    /** Makes the runtime state of a shard whose log is open. */
    interface ShardFactory {
        ShardRuntime create(StreamMeta stream, ShardMeta shard, ShardLog log);
    }

    /** Loads a stream's data keys. */
    interface KeyLoader {
        KeyRing load(StreamMeta stream) throws IOException;
    }

    private static final String KEY_PREFIX = "stream:";

    private final MetadataStore store;
    private final LogStore logs;
    private final ShardFactory shardFactory;
    private final Map<StreamKey, OpenStream> streams = new ConcurrentHashMap<>();

    StreamRegistry(MetadataStore store, LogStore logs, ShardFactory shardFactory, KeyLoader keyLoader)
            throws IOException {
        this.store = store;
        this.logs = logs;
        this.shardFactory = shardFactory;
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (entry.getKey().startsWith(KEY_PREFIX)) {
                StreamMeta meta = StreamMetaCodec.decode(entry.getKey(), entry.getValue());
                OpenStream stream = new OpenStream(meta, open(meta, Map.of()), new WriteGate(), keyLoader.load(meta));
                // a crash between closing shards and recording their ends: the logs now hold all they ever will
                StreamMeta sealed = KinesisEngine.sealClosedShards(stream);
                if (!sealed.equals(meta)) {
                    store.put(storeKey(meta.key()), StreamMetaCodec.encode(sealed));
                    stream = stream.with(sealed, stream.shards());
                }
                streams.put(meta.key(), stream);
            }
        }
    }

    OpenStream get(StreamKey key) {
        return streams.get(key);
    }

    Collection<OpenStream> all() {
        return streams.values();
    }

    synchronized void create(StreamMeta meta, KeyRing keys) throws IOException {
        Map<Integer, ShardRuntime> opened = open(meta, Map.of());
        store.put(storeKey(meta.key()), StreamMetaCodec.encode(meta));
        streams.put(meta.key(), new OpenStream(meta, opened, new WriteGate(), keys));
    }

    /** Persists a new version of a stream's metadata, opening the logs of shards it adds, then publishes it. */
    synchronized OpenStream update(StreamMeta meta) throws IOException {
        OpenStream current = streams.get(meta.key());
        if (current == null) {
            throw new IllegalStateException("no stream " + meta.key());
        }
        Map<Integer, ShardRuntime> opened = open(meta, current.shards());
        store.put(storeKey(meta.key()), StreamMetaCodec.encode(meta));
        OpenStream updated = current.with(meta, opened);
        streams.put(meta.key(), updated);
        return updated;
    }

    /** Forgets the stream, then removes its logs: a crash in between leaves only orphan files, never a zombie. */
    synchronized OpenStream remove(StreamKey key) throws IOException {
        OpenStream current = streams.remove(key);
        if (current == null) {
            return null;
        }
        store.delete(storeKey(key));
        for (ShardMeta shard : current.meta().shards()) {
            logs.delete(logName(current.meta(), shard));
        }
        return current;
    }

    int size() {
        return streams.size();
    }

    List<OpenStream> snapshot() {
        return new ArrayList<>(streams.values());
    }

    private Map<Integer, ShardRuntime> open(StreamMeta meta, Map<Integer, ShardRuntime> existing) throws IOException {
        Map<Integer, ShardRuntime> opened = new HashMap<>(existing);
        for (ShardMeta shard : meta.shards()) {
            if (!opened.containsKey(shard.id().index())) {
                ShardLog log = logs.open(logName(meta, shard));
                opened.put(shard.id().index(), shardFactory.create(meta, shard, log));
            }
        }
        return opened;
    }

    static String logName(StreamMeta meta, ShardMeta shard) {
        return meta.logDirectory() + "/" + shard.id();
    }

    static String storeKey(StreamKey key) {
        return KEY_PREFIX + key.account() + ":" + key.region() + ":" + key.name();
    }
}
