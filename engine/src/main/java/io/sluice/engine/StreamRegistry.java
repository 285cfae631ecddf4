package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.store.ShardLogHandle;
import io.sluice.engine.store.ShardLogStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The streams that exist, their metadata (persisted in the {@link MetaStore} before a change is visible), and the
 * runtime state of their shards.
 *
 * <p>Threading: reads ({@link #get}, {@link #all}, {@link #existing}, {@link #readable}) are lock-free from any
 * thread. Changes hold the registry's change lock, a {@link ReentrantLock} (not a monitor: a change persists
 * metadata, and a reshard waits for appends, so a virtual thread blocks while holding it and must not pin its
 * carrier). A read-modify-write done inside {@link #change} is atomic with respect to every other change.
 */
final class StreamRegistry {

    /** Makes the runtime state of a shard whose log is open. */
    interface ShardFactory {
        ShardRuntime create(StreamMeta stream, ShardMeta shard, ShardLogHandle log);
    }

    /** Loads a stream's data keys. */
    interface KeyLoader {
        KeyRing load(StreamMeta stream) throws IOException;
    }

    private static final String KEY_PREFIX = "stream:";

    private final MetaStore store;
    private final ShardLogStore logs;
    private final ShardFactory shardFactory;
    private final Clock clock;
    private final Map<StreamKey, OpenStream> streams = new ConcurrentHashMap<>();
    private final ReentrantLock changes = new ReentrantLock();

    StreamRegistry(MetaStore store, ShardLogStore logs, ShardFactory shardFactory, KeyLoader keyLoader, Clock clock)
            throws IOException {
        this.store = store;
        this.logs = logs;
        this.shardFactory = shardFactory;
        this.clock = clock;
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (entry.getKey().startsWith(KEY_PREFIX)) {
                StreamMeta meta = StreamMetaCodec.decode(entry.getKey(), entry.getValue());
                OpenStream stream = new OpenStream(meta, open(meta, Map.of()), new WriteGate(), keyLoader.load(meta));
                // a crash between closing shards and recording their ends: the logs now hold all they ever will
                StreamMeta sealed = Resharding.sealClosedShards(stream);
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

    /** The stream, or ResourceNotFoundException. */
    OpenStream existing(StreamKey key) {
        OpenStream stream = streams.get(key);
        if (stream == null) {
            throw Messages.streamNotFound(key);
        }
        return stream;
    }

    /** Reads and writes need a stream that is ACTIVE or UPDATING; AWS calls any other stream not found. */
    OpenStream readable(StreamKey key) {
        OpenStream stream = existing(key);
        StreamStatus status = stream.meta().status(clock.millis());
        if (status != StreamStatus.ACTIVE && status != StreamStatus.UPDATING) {
            throw Messages.streamNotFound(key);
        }
        return stream;
    }

    /** Runs a control-plane change with the change lock held, so no other change interleaves with it. */
    <T> T change(Supplier<T> change) {
        changes.lock();
        try {
            return change.get();
        } finally {
            changes.unlock();
        }
    }

    void change(Runnable change) {
        change(() -> {
            change.run();
            return null;
        });
    }

    void create(StreamMeta meta, KeyRing keys) throws IOException {
        changes.lock();
        try {
            Map<Integer, ShardRuntime> opened = open(meta, Map.of());
            store.put(storeKey(meta.key()), StreamMetaCodec.encode(meta));
            streams.put(meta.key(), new OpenStream(meta, opened, new WriteGate(), keys));
        } finally {
            changes.unlock();
        }
    }

    /** Persists a new version of a stream's metadata, opening the logs of shards it adds, then publishes it. */
    OpenStream update(StreamMeta meta) throws IOException {
        changes.lock();
        try {
            OpenStream current = streams.get(meta.key());
            if (current == null) {
                throw new IllegalStateException("no stream " + meta.key());
            }
            Map<Integer, ShardRuntime> opened = open(meta, current.shards());
            store.put(storeKey(meta.key()), StreamMetaCodec.encode(meta));
            OpenStream updated = current.with(meta, opened);
            streams.put(meta.key(), updated);
            return updated;
        } finally {
            changes.unlock();
        }
    }

    /** Forgets the stream, then removes its logs: a crash in between leaves only orphan files, never a zombie. */
    OpenStream remove(StreamKey key) throws IOException {
        changes.lock();
        try {
            OpenStream current = streams.remove(key);
            if (current == null) {
                return null;
            }
            store.delete(storeKey(key));
            for (ShardMeta shard : current.meta().shards()) {
                logs.delete(logName(current.meta(), shard));
            }
            return current;
        } finally {
            changes.unlock();
        }
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
                ShardLogHandle log = logs.open(logName(meta, shard));
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
