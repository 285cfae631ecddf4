package io.sluice.engine;

import io.sluice.common.ConsumerArn;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.MetaStore;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The enhanced fan-out consumers of every stream, persisted in the metadata store under
 * {@code consumer:<account>:<region>:<stream>:<streamCreatedAt>:<name>} before a change is visible. AWS's limits:
 * 20 consumers per stream, at most 5 of them CREATING at once.
 *
 * <p>Threading: lookups are lock-free; changes are atomic metadata changes ({@link MetaChanges}) serialised on the
 * registry's {@link ReentrantLock}, held while the change is persisted (a read-modify-write must not interleave
 * with another), which is why it is not a monitor: a virtual thread blocked on the store while holding it must not
 * pin its carrier. Changes another node makes reach the view through the store's watcher, under the same lock.
 */
final class ConsumerRegistry {

    static final int MAX_CONSUMERS = 20;
    static final int MAX_CREATING = 5;
    private static final String KEY_PREFIX = "consumer:";

    private final MetaStore store;
    private final MetaChanges metaChanges;
    private final Map<String, ConsumerMeta> consumers = new ConcurrentHashMap<>();
    private final ReentrantLock changes = new ReentrantLock();

    ConsumerRegistry(MetaStore store, MetaChanges metaChanges) {
        this.store = store;
        this.metaChanges = metaChanges;
        // the watcher waits for the lock while the entries load, so a change it brings is never overwritten
        changes.lock();
        try {
            store.watch(this::changed);
            for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
                if (entry.getKey().startsWith(KEY_PREFIX)) {
                    ConsumerMeta meta = ConsumerMeta.decode(entry.getKey(), entry.getValue());
                    consumers.put(storeKey(meta), meta);
                }
            }
        } finally {
            changes.unlock();
        }
    }

    /** Follows a change the store applied from its shared log: the view of that consumer becomes the store's. */
    private void changed(String key, byte[] value) {
        if (!key.startsWith(KEY_PREFIX)) {
            return;
        }
        changes.lock();
        try {
            if (value == null) {
                consumers.remove(key);
            } else {
                consumers.put(key, ConsumerMeta.decode(key, value));
            }
        } finally {
            changes.unlock();
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

    ConsumerMeta register(StreamMeta stream, String name, Map<String, String> tags, long now,
                          long createDelayMillis) throws IOException {
        return metaChanges.run(changes, () -> {
            List<ConsumerMeta> existing = of(stream);
            if (existing.stream().anyMatch(c -> c.name().equals(name))) {
                throw ServiceException.inUse("Consumer " + name + " under stream " + stream.key().name()
                        + " already exists for account " + stream.key().account() + ".");
            }
            if (existing.size() >= MAX_CONSUMERS) {
                throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "Stream " + stream.key().name()
                        + " under account " + stream.key().account() + " already has " + MAX_CONSUMERS
                        + " registered consumers.");
            }
            if (existing.stream().filter(c -> c.status(now) == ConsumerStatus.CREATING).count() >= MAX_CREATING) {
                throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "Stream " + stream.key().name()
                        + " already has " + MAX_CREATING + " consumers in CREATING state.");
            }
            ConsumerMeta meta = new ConsumerMeta(stream.key(), stream.createdAt(), name, now,
                    now + createDelayMillis, -1, tags);
            Io.run(() -> put(meta));
            return meta;
        });
    }

    /**
     * Replaces a consumer with what {@code change} makes of its current version, atomically with respect to other
     * changes; {@code current} finds it (and throws if it is gone).
     */
    ConsumerMeta update(Supplier<ConsumerMeta> current, UnaryOperator<ConsumerMeta> change)
            throws IOException {
        return metaChanges.run(changes, () -> {
            ConsumerMeta next = change.apply(current.get());
            Io.run(() -> put(next));
            return next;
        });
    }

    void put(ConsumerMeta meta) throws IOException {
        metaChanges.run(changes, () -> {
            Io.run(() -> store.put(storeKey(meta), meta.encode()));
            consumers.put(storeKey(meta), meta);
            return null;
        });
    }

    void remove(ConsumerMeta meta) throws IOException {
        metaChanges.run(changes, () -> {
            Io.run(() -> store.delete(storeKey(meta)));
            consumers.remove(storeKey(meta));
            return null;
        });
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
