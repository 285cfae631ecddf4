package io.sluice.engine;

import io.sluice.common.ConsumerArn;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.storage.MetadataStore;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enhanced fan-out consumers of every stream, persisted in the metadata store under
 * {@code consumer:<account>:<region>:<stream>:<streamCreatedAt>:<name>} before a change is visible. AWS's limits:
 * 20 consumers per stream, at most 5 of them CREATING at once.
 *
 * <p>Threading: lookups are lock-free; changes are serialised on the registry's monitor.
 */
final class ConsumerRegistry {

    static final int MAX_CONSUMERS = 20;
    static final int MAX_CREATING = 5;
    private static final String KEY_PREFIX = "consumer:";

    private final MetadataStore store;
    private final Map<String, ConsumerMeta> consumers = new ConcurrentHashMap<>();

    ConsumerRegistry(MetadataStore store) {
        this.store = store;
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (entry.getKey().startsWith(KEY_PREFIX)) {
                ConsumerMeta meta = ConsumerMeta.decode(entry.getKey(), entry.getValue());
                consumers.put(storeKey(meta), meta);
            }
        }
    }

    /** The consumers of one incarnation of a stream, by name. */
    List<ConsumerMeta> of(StreamMeta stream) {
        return consumers.values().stream()
                .filter(c -> c.stream().equals(stream.key()) && c.streamCreatedAt() == stream.createdAt())
                .sorted(Comparator.comparing(ConsumerMeta::name)).toList();
    }

    ConsumerMeta find(StreamMeta stream, String name) {
        return consumers.get(KEY_PREFIX + key(stream.key(), stream.createdAt(), name));
    }

    /** The consumer an ARN names, if its stream incarnation and creation second match. */
    ConsumerMeta find(StreamMeta stream, ConsumerArn arn) {
        ConsumerMeta meta = find(stream, arn.consumerName());
        return meta != null && meta.createdAt() / 1000 == arn.creationEpochSeconds() ? meta : null;
    }

    synchronized ConsumerMeta register(StreamMeta stream, String name, Map<String, String> tags, long now,
                                       long createDelayMillis) throws IOException {
        List<ConsumerMeta> existing = of(stream);
        if (existing.stream().anyMatch(c -> c.name().equals(name))) {
            throw ServiceException.inUse("Consumer " + name + " under stream " + stream.key().name()
                    + " already exists for account " + stream.key().account() + ".");
        }
        if (existing.size() >= MAX_CONSUMERS) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "Stream " + stream.key().name() + " under account "
                    + stream.key().account() + " already has " + MAX_CONSUMERS + " registered consumers.");
        }
        if (existing.stream().filter(c -> c.status(now) == ConsumerStatus.CREATING).count() >= MAX_CREATING) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "Stream " + stream.key().name() + " already has "
                    + MAX_CREATING + " consumers in CREATING state.");
        }
        ConsumerMeta meta = new ConsumerMeta(stream.key(), stream.createdAt(), name, now, now + createDelayMillis, -1,
                tags);
        put(meta);
        return meta;
    }

    synchronized void put(ConsumerMeta meta) throws IOException {
        store.put(storeKey(meta), meta.encode());
        consumers.put(storeKey(meta), meta);
    }

    synchronized void remove(ConsumerMeta meta) throws IOException {
        store.delete(storeKey(meta));
        consumers.remove(storeKey(meta));
    }

    List<ConsumerMeta> all() {
        return List.copyOf(consumers.values());
    }

    private static String storeKey(ConsumerMeta meta) {
        return KEY_PREFIX + key(meta.stream(), meta.streamCreatedAt(), meta.name());
    }

    private static String key(StreamKey stream, long streamCreatedAt, String name) {
        return stream.account() + ":" + stream.region() + ":" + stream.name() + ":" + streamCreatedAt + ":" + name;
    }
}
