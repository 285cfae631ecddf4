package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.store.ShardLogHandle;
import io.sluice.engine.store.ShardLogStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The streams that exist, their metadata (persisted in the {@link MetaStore} before a change is visible), and the
 * runtime state of their shards. On a metadata store shared by several nodes, the view also follows the changes
 * other nodes make: the store's watcher replaces a stream's metadata (opening the logs of shards it adds) or drops
 * it, under the change lock.
 *
 * <p>Threading: reads ({@link #get}, {@link #all}, {@link #existing}, {@link #readable}) are lock-free from any
 * thread. Changes are atomic metadata changes ({@link MetaChanges}) holding the registry's change lock, a
 * {@link ReentrantLock} (not a monitor: a change persists metadata, and a reshard waits for appends, so a virtual
 * thread blocks while holding it and must not pin its carrier). A read-modify-write done inside {@link #change} is
 * atomic with respect to every other change, on this node and on others. A change from the store that cannot be
 * followed (a shard log that will not open) leaves that stream's view stale: it is retried every second on a shared
 * delayed executor, and {@link #followed} reports it so that puts are not acknowledged on the stale view.
 */
final class StreamRegistry {

    /** Makes the runtime state of a shard whose log is open. */
    interface ShardFactory {
        ShardRuntime create(StreamMeta stream, ShardMeta shard, ShardLogHandle log);
    }

    /** Loads a stream's data keys. */
    interface KeyLoader {

        /** The stream's data keys, with a fresh current one if encryption is on (at this node's start). */
        KeyRing load(StreamMeta stream) throws IOException;

        /** Brings a ring in line with the store: adds the keys another node made, follows encryption on/off. */
        void follow(StreamMeta stream, KeyRing ring) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);
    private static final String KEY_PREFIX = "stream:";
    private static final Executor RETRY_LATER = CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS);

    private final MetaStore store;
    private final ShardLogStore logs;
    private final ShardFactory shardFactory;
    private final Clock clock;
    private final KeyLoader keyLoader;
    private final MetaChanges metaChanges;
    private final Map<StreamKey, OpenStream> streams = new ConcurrentHashMap<>();
    private final ReentrantLock changes = new ReentrantLock();
    /** Guards the hand-over of changes the store applied while the registry was still loading. */
    private final ReentrantLock loading = new ReentrantLock();
    private final List<String> parkedChanges = new ArrayList<>();
    private boolean loaded;
    /**
     * The store keys of streams whose latest change this node could not follow (a shard log that would not open):
     * their view is stale until {@link #followed} tries again and succeeds, or a later change is followed.
     */
    private final Map<StreamKey, String> unfollowed = new ConcurrentHashMap<>();
    private volatile boolean closed;

    StreamRegistry(MetaStore store, ShardLogStore logs, ShardFactory shardFactory, KeyLoader keyLoader,
                   MetaChanges metaChanges, Clock clock) throws IOException {
        this.store = store;
        this.logs = logs;
        this.shardFactory = shardFactory;
        this.keyLoader = keyLoader;
        this.clock = clock;
        this.metaChanges = metaChanges;
        // watch before reading, so no change applied in between is missed; the watcher parks those until loaded
        store.watch(this::changed);
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (entry.getKey().startsWith(KEY_PREFIX)) {
                StreamMeta meta = StreamMetaCodec.decode(entry.getKey(), entry.getValue());
                streams.put(meta.key(), new OpenStream(meta, open(meta, Map.of()), new WriteGate(),
                        keyLoader.load(meta)));
            }
        }
        List<String> parked;
        loading.lock();
        try {
            loaded = true;
            parked = List.copyOf(parkedChanges);
            parkedChanges.clear();
        } finally {
            loading.unlock();
        }
        for (String key : parked) {
            changed(key, store.get(key));
        }
        for (OpenStream stream : snapshot()) {
            // a crash (of this node or another) between closing shards and recording their ends
            sealClosedShards(stream.meta().key());
        }
    }

    OpenStream get(StreamKey key) {
        return streams.get(key);
    }

    Collection<OpenStream> all() {
        return streams.values();
    }

    /** The stream, or ResourceNotFoundException once this node's view has caught up with the store. */
    OpenStream existing(StreamKey key) {
        OpenStream stream = streams.get(key);
        if (stream == null) {
            catchUp();
            stream = streams.get(key);
        }
        if (stream == null) {
            throw Messages.streamNotFound(key);
        }
        return stream;
    }

    /**
     * Whether this node's view of the stream holds the latest change the store applied to it. After a change it
     * could not follow, tries that again, unless another change holds the change lock: a put waiting on this must
     * not wait for a reshard that waits for the put.
     */
    boolean followed(StreamKey key) {
        if (!unfollowed.containsKey(key)) {
            return true;
        }
        if (!changes.tryLock()) {
            return false;
        }
        try {
            String storeKey = unfollowed.get(key);
            if (storeKey == null) {
                return true;
            }
            Io.run(() -> follow(storeKey, store.get(storeKey)));
            unfollowed.remove(key);
            LOG.info("caught up with the metadata of {} after failing to follow it", storeKey);
            return true;
        } catch (RuntimeException e) {
            LOG.debug("still cannot follow the metadata change of {}", key, e);
            return false;
        } finally {
            changes.unlock();
        }
    }

    /** Tries a change this node could not follow again, every second, until it is followed. */
    private void retryLater(StreamKey key) {
        CompletableFuture.runAsync(() -> {
            if (!closed && !followed(key)) {
                retryLater(key);
            }
        }, RETRY_LATER);
    }

    /** Stops retrying changes this node could not follow: the stores are about to close. */
    void close() {
        closed = true;
    }

    /** See {@link MetaChanges#catchUp}. */
    void catchUp() {
        metaChanges.catchUp();
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

    /**
     * Runs a control-plane change atomically: with the change lock held, so no other change of this node
     * interleaves with it, and as one atomic change of the metadata store, so no other node's does either (a
     * change that lost to another node's runs again on the updated view).
     */
    <T> T change(Supplier<T> change) {
        return metaChanges.run(changes, change);
    }

    void change(Runnable change) {
        change(() -> {
            change.run();
            return null;
        });
    }

    /**
     * Persists a new stream; once the change commits, the stream's logs are opened (created) and it becomes
     * visible on this node (its data keys come from the store then). Opening only then means a change that loses
     * to another node's leaves no log behind; a crash before the opening is made good at the next start, which
     * opens the logs of every stream.
     */
    void create(StreamMeta meta) throws IOException {
        change(() -> Io.run(() -> {
            store.put(storeKey(meta.key()), StreamMetaCodec.encode(meta));
            metaChanges.afterCommit(() -> refresh(meta.key()));
        }));
    }

    /**
     * Persists a new version of a stream's metadata; once the change commits, the logs of shards it adds are
     * opened and it becomes visible on this node.
     */
    void update(StreamMeta meta) throws IOException {
        change(() -> Io.run(() -> {
            if (streams.get(meta.key()) == null) {
                throw new IllegalStateException("no stream " + meta.key());
            }
            store.put(storeKey(meta.key()), StreamMetaCodec.encode(meta));
            metaChanges.afterCommit(() -> refresh(meta.key()));
        }));
    }

    /** Forgets the stream, then removes its logs: a crash in between leaves only orphan logs, never a zombie. */
    OpenStream remove(StreamKey key) throws IOException {
        OpenStream removed = change(() -> Io.get(() -> {
            OpenStream current = streams.get(key);
            if (current != null) {
                store.delete(storeKey(key));
                metaChanges.afterCommit(() -> refresh(key));
            }
            return current;
        }));
        if (removed != null) {
            for (ShardMeta shard : removed.meta().shards()) {
                logs.delete(logName(removed.meta(), shard));
            }
        }
        return removed;
    }

    /** Publishes what the store now holds for the stream (this change's version, or a newer one). */
    private void refresh(StreamKey key) {
        changes.lock();
        try {
            String storeKey = storeKey(key);
            Io.run(() -> follow(storeKey, store.get(storeKey)));
        } finally {
            changes.unlock();
        }
    }

    /**
     * Records the end of every closed shard of the stream that has none yet: asks the log store to seal each (on
     * a shared log this writes a seal marker; other nodes may still append to the shard until they see it
     * closed), then publishes the ends. Idempotent, so any node may finish what a node that died began.
     */
    void sealClosedShards(StreamKey key) {
        change(() -> {
            OpenStream stream = streams.get(key);
            if (stream == null) {
                return;
            }
            List<ShardMeta> shards = new ArrayList<>();
            boolean changed = false;
            for (ShardMeta shard : stream.meta().shards()) {
                if (!shard.isOpen() && !shard.isSealed()) {
                    ShardLogHandle log = stream.log(shard.id().index());
                    shards.add(shard.sealed(logs.seal(log, shard.closedAt()).join()));
                    changed = true;
                } else {
                    shards.add(shard);
                }
            }
            if (changed) {
                Io.run(() -> update(stream.meta().toBuilder().shards(shards, stream.meta().nextShardIndex()).build()));
            }
        });
    }

    /**
     * Follows a change the store applied from its shared log (another node's, or this node's own again): the
     * view of that stream (or of its data keys) becomes what the store holds. Logs are never deleted here: the
     * node that removes a stream does that.
     */
    private void changed(String key, byte[] value) {
        boolean stream = key.startsWith(KEY_PREFIX);
        if (!stream && !key.startsWith(StreamEncryption.KEY_PREFIX)) {
            return;
        }
        loading.lock();
        try {
            if (!loaded) {
                parkedChanges.add(key);
                return;
            }
        } finally {
            loading.unlock();
        }
        changes.lock();
        try {
            if (stream) {
                Io.run(() -> follow(key, value));
                unfollowed.remove(streamKeyOf(key));
            } else {
                for (OpenStream open : streams.values()) {
                    if (key.startsWith(StreamEncryption.prefix(open.meta()))) {
                        Io.run(() -> keyLoader.follow(open.meta(), open.keys()));
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!stream) {
                LOG.error("could not follow the metadata change of {}; this node's view of it may be stale", key, e);
                return;
            }
            LOG.error("could not follow the metadata change of {}; this node's view of it is stale, and its puts are "
                    + "not acknowledged, until a retry succeeds", key, e);
            if (unfollowed.put(streamKeyOf(key), key) == null) {
                retryLater(streamKeyOf(key)); // one retry loop per stream: it runs until the stream is followed
            }
        } finally {
            changes.unlock();
        }
    }

    private void follow(String key, byte[] value) throws IOException {
        StreamKey streamKey = streamKeyOf(key);
        OpenStream current = streams.get(streamKey);
        if (value == null) {
            streams.remove(streamKey);
            return;
        }
        StreamMeta meta = StreamMetaCodec.decode(key, value);
        if (current != null && current.meta().equals(meta)) {
            return;
        }
        if (current == null || current.meta().createdAt() != meta.createdAt()) {
            KeyRing keys = new KeyRing();
            keyLoader.follow(meta, keys);
            streams.put(streamKey, new OpenStream(meta, open(meta, Map.of()), new WriteGate(), keys));
        } else {
            streams.put(streamKey, current.with(meta, open(meta, current.shards())));
            keyLoader.follow(meta, current.keys());
        }
    }

    /** Tells the log store how long the stream's logs keep records (for a store that trims by itself). */
    void retain(StreamMeta meta) throws IOException {
        logs.retain(meta.logDirectory(), meta.retentionMillis());
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

    private static StreamKey streamKeyOf(String storeKey) {
        String[] parts = storeKey.substring(KEY_PREFIX.length()).split(":", 3);
        return new StreamKey(parts[0], parts[1], parts[2]);
    }
}
