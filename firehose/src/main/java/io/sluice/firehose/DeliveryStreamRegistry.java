package io.sluice.firehose;

import io.sluice.storage.MetadataStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The delivery streams, kept in memory and in the metadata store under {@code stream/<account>/<region>/<name>},
 * each in the versioned JSON form of {@link DeliveryStreamMetaCodec}.
 *
 * <p>Threading: thread-safe; every method is synchronized. A change is durable when its method returns.
 */
final class DeliveryStreamRegistry {

    private static final String PREFIX = "stream/";

    private final DeliveryStreamMetaCodec codec = new DeliveryStreamMetaCodec();
    private final MetadataStore store;
    private final TreeMap<String, DeliveryStreamMeta> streams = new TreeMap<>();

    DeliveryStreamRegistry(MetadataStore store) throws IOException {
        this.store = store;
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (entry.getKey().startsWith(PREFIX)) {
                streams.put(entry.getKey(), codec.decode(entry.getKey(), entry.getValue()));
            }
        }
    }

    synchronized DeliveryStreamMeta get(DeliveryStreamKey key) {
        return streams.get(storeKey(key));
    }

    synchronized List<DeliveryStreamMeta> all() {
        return new ArrayList<>(streams.values());
    }

    synchronized int count(String account, String region) {
        String prefix = PREFIX + account + "/" + region + "/";
        return streams.subMap(prefix, prefix + Character.MAX_VALUE).size();
    }

    synchronized void put(DeliveryStreamMeta meta) {
        String key = storeKey(meta.key());
        try {
            store.put(key, codec.encode(meta));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        streams.put(key, meta);
    }

    synchronized void remove(DeliveryStreamKey key) {
        String storeKey = storeKey(key);
        try {
            store.delete(storeKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        streams.remove(storeKey);
    }

    private static String storeKey(DeliveryStreamKey key) {
        return PREFIX + key.account() + "/" + key.region() + "/" + key.name();
    }
}
