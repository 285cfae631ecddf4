package io.sluice.firehose;

import io.sluice.storage.MetadataStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The delivery streams, kept in memory and in the metadata store under {@code stream/<account>/<region>/<name>},
 * each in the versioned JSON form of {@link DeliveryStreamMetaCodec}.
 *
 * <p>Threading: reads from any thread, without locks; changes of one delivery stream must not run concurrently
 * (the engine makes them under its lock), so that the store and the map agree. A change is durable when its method
 * returns.
 */
final class DeliveryStreamRegistry {

    private static final String PREFIX = "stream/";

    private final DeliveryStreamMetaCodec codec = new DeliveryStreamMetaCodec();
    private final MetadataStore store;
    private final ConcurrentSkipListMap<String, DeliveryStreamMeta> streams = new ConcurrentSkipListMap<>();

    DeliveryStreamRegistry(MetadataStore store) throws IOException {
        this.store = store;
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (entry.getKey().startsWith(PREFIX)) {
                streams.put(entry.getKey(), codec.decode(entry.getKey(), entry.getValue()));
            }
        }
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

    void put(DeliveryStreamMeta meta) {
        String key = storeKey(meta.key());
        try {
            store.put(key, codec.encode(meta));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        streams.put(key, meta);
    }

    void remove(DeliveryStreamKey key) {
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
