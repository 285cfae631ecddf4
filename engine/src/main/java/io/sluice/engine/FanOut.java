package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.ServiceException;
import io.sluice.common.ShardId;
import io.sluice.engine.limits.TokenBucket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Enhanced fan-out's subscriptions: at most one per consumer and shard; a newer one may take over after
 * {@link #TAKEOVER_MILLIS}.
 *
 * <p>Threading: every method may be called from any thread. The check-and-replace of a consumer's subscription to
 * a shard is atomic per (consumer, shard) through {@link ConcurrentHashMap#compute}, which runs nothing that
 * blocks (closing a subscription only flags it).
 */
final class FanOut {

    static final long LIFETIME_MILLIS = 300_000;
    static final long TAKEOVER_MILLIS = 5_000;

    private record ActiveSubscription(ShardSubscription subscription, long startedAt) {
    }

    private final StreamRegistry streams;
    private final ConsumerControl consumers;
    private final RecordReader reader;
    private final EngineConfig config;
    private final Clock clock;
    private final Map<String, ActiveSubscription> subscriptions = new ConcurrentHashMap<>();

    FanOut(StreamRegistry streams, ConsumerControl consumers, RecordReader reader, EngineConfig config, Clock clock) {
        this.streams = streams;
        this.consumers = consumers;
        this.reader = reader;
        this.config = config;
        this.clock = clock;
    }

    /**
     * SubscribeToShard. A second subscription of the same consumer and shard within 5 seconds of the first is
     * refused with ResourceInUseException; after that it takes over and the older one ends.
     */
    ShardSubscription subscribe(String consumerArn, String shardId, IteratorType type, String sequenceNumber,
                                Long timestampMillis) {
        ConsumerMeta consumer = consumers.consumer(consumerArn, null, null);
        long now = clock.millis();
        if (consumer.status(now) != ConsumerStatus.ACTIVE) {
            throw ServiceException.inUse("Consumer " + consumerArn + " is not ACTIVE, instead in state "
                    + consumer.status(now) + ".");
        }
        OpenStream stream = streams.readable(consumer.stream());
        ShardId id = ShardId.parseOrNull(shardId);
        ShardMeta shard = id == null ? null : stream.meta().shard(id.index());
        if (shard == null) {
            throw Messages.shardNotFound(consumer.stream(), shardId);
        }
        long offset = reader.startOffset(stream, shard, type, sequenceNumber, timestampMillis);
        StreamKey streamKey = consumer.stream();
        long createdAt = stream.meta().createdAt();
        Supplier<OpenStream> current = () -> {
            OpenStream s = streams.get(streamKey);
            if (s == null || s.meta().createdAt() != createdAt) {
                throw Messages.streamNotFound(streamKey);
            }
            return s;
        };
        TokenBucket budget = config.limits().enabled() ? new TokenBucket(clock,
                config.limits().readBytesPerSecond(), config.limits().readBytesPerSecond()) : null;
        ShardSubscription subscription = new ShardSubscription(current, shard.id().index(), offset, reader, clock,
                LIFETIME_MILLIS, budget);
        String key = consumerArn + "|" + shard.id();
        subscriptions.compute(key, (k, previous) -> {
            if (previous != null && !previous.subscription().closed()
                    && now - previous.startedAt() < TAKEOVER_MILLIS) {
                throw ServiceException.inUse("Another active subscription exists for consumer " + consumerArn
                        + " on shard " + shard.id() + "; a new one may take over after "
                        + TAKEOVER_MILLIS / 1000 + " seconds.");
            }
            if (previous != null) {
                previous.subscription().close();
            }
            return new ActiveSubscription(subscription, now);
        });
        return subscription;
    }

    /** Forgets subscriptions that have ended; returns how many. */
    int sweep() {
        int[] swept = new int[1];
        subscriptions.values().removeIf(active -> {
            boolean closed = active.subscription().closed();
            swept[0] += closed ? 1 : 0;
            return closed;
        });
        return swept[0];
    }

    void closeAll() {
        subscriptions.values().forEach(active -> active.subscription().close());
    }
}
