package io.sluice.firehose;

import io.sluice.engine.store.MetaStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The delivery streams, kept in memory and in the metadata store under {@code stream/<account>/<region>/<name>},
 * each in the versioned JSON form of {@link DeliveryStreamMetaCodec}. On a store shared by several nodes the view
 * also follows the changes other nodes make: the store's watcher replaces or drops a stream here and tells the
 * listener which stream changed.
 *
 * <p>A change is written to the store first ({@link #store}, {@link #remove}) and becomes visible here by
 * {@link #refresh} once the atomic change that wrote it has committed, so a change that lost to another node's
 * leaves no trace in the view.
 *
 * <p>Threading: reads from any thread, without locks. The watcher runs on the store's thread and only updates the
 * map and calls the listener, which must not block.
 */
final class DeliveryStreamRegistry {

    private static final String PREFIX = "stream/";

    private final DeliveryStreamMetaCodec codec = new DeliveryStreamMetaCodec();
    private final MetaStore store;
    private final Consumer<DeliveryStreamKey> listener;
    private final ConcurrentSkipListMap<String, DeliveryStreamMeta> streams = new ConcurrentSkipListMap<>();
    private final ReentrantLock loading = new ReentrantLock();
    private final List<String> parked = new ArrayList<>();
    private boolean loaded;

    /** @param listener told of each stream another node changed, after the view has changed */
    DeliveryStreamRegistry(MetaStore store, Consumer<DeliveryStreamKey> listener) {
        this.store = store;
        this.listener = listener;
        // watch before reading, so no change applied in between is missed; changes are parked until loaded
        store.watch(this::changed);
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (entry.getKey().startsWith(PREFIX)) {
                streams.put(entry.getKey(), codec.decode(entry.getKey(), entry.getValue()));
            }
        }
        List<String> missed;
        loading.lock();
        try {
            loaded = true;
            missed = List.copyOf(parked);
            parked.clear();
        } finally {
            loading.unlock();
        }
        missed.forEach(this::refreshKey);
    }

    private void changed(String key, byte[] value) {
        if (!key.startsWith(PREFIX)) {
            return;
        }
        loading.lock();
        try {
            if (!loaded) {
                parked.add(key);
                return;
            }
        } finally {
            loading.unlock();
        }
        if (value == null) {
            streams.remove(key);
        } else {
            streams.put(key, codec.decode(key, value));
        }
        listener.accept(keyOf(key));
    }

    DeliveryStreamMeta get(DeliveryStreamKey key) {
        return streams.get(storeKey(key));
    }

    List<DeliveryStreamMeta> all() {
        return new ArrayList<>(streams.values());
    }

    int count(String account, String region) {
        String prefix = PREFIX + account + "/" + region + "/";
        return streams.subMap(prefix, prefix + Character.MAX_VALUE).size();
    }

    /** Writes the stream's metadata to the store (as part of the atomic change running on this thread, if any). */
    void store(DeliveryStreamMeta meta) throws IOException {
        store.put(storeKey(meta.key()), codec.encode(meta));
    }

    /** Removes the stream from the store (as part of the atomic change running on this thread, if any). */
    void remove(DeliveryStreamKey key) throws IOException {
        store.delete(storeKey(key));
    }

    /** Makes the view of the stream what the store now holds (after a change of this node committed). */
    void refresh(DeliveryStreamKey key) {
        refreshKey(storeKey(key));
    }

    private void refreshKey(String key) {
        byte[] value = store.get(key);
        if (value == null) {
            streams.remove(key);
        } else {
            streams.put(key, codec.decode(key, value));
        }
    }

    private static String storeKey(DeliveryStreamKey key) {
        return PREFIX + key.account() + "/" + key.region() + "/" + key.name();
    }

    /** The stream a store key names: account and region hold no slash, a delivery stream name neither. */
    private static DeliveryStreamKey keyOf(String storeKey) {
        String[] parts = storeKey.substring(PREFIX.length()).split("/", 3);
        return new DeliveryStreamKey(parts[0], parts[1], parts[2]);
    }
}
