package io.sluice.engine;

import io.sluice.common.ConsumerArn;
import io.sluice.common.Clock;
import io.sluice.common.ServiceException;
import io.sluice.common.ShardId;
import io.sluice.engine.limits.TokenBucket;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enhanced fan-out: registering, describing, listing and deregistering consumers, and the subscriptions they hold
 * (at most one per consumer and shard; a newer one may take over after {@link #TAKEOVER_MILLIS}).
 *
 * <p>Threading: every method may be called from any thread; consumer changes are serialised by the consumer
 * registry, subscription changes on the subscription table.
 */
final class FanOut {

    static final long LIFETIME_MILLIS = 300_000;
    static final long TAKEOVER_MILLIS = 5_000;

    /** How the fan-out finds streams: by key, as the engine checks them. */
    interface Streams {
        OpenStream get(StreamKey key);

        OpenStream existing(StreamKey key);

        OpenStream readable(StreamKey key);
    }

    private record ActiveSubscription(ShardSubscription subscription, long startedAt) {
    }

    private final Streams streams;
    private final ConsumerRegistry consumers;
    private final RecordReader reader;
    private final PageTokens pageTokens;
    private final EngineConfig config;
    private final Clock clock;
    private final Map<String, ActiveSubscription> subscriptions = new ConcurrentHashMap<>();

    FanOut(Streams streams, ConsumerRegistry consumers, RecordReader reader, PageTokens pageTokens,
           EngineConfig config, Clock clock) {
        this.streams = streams;
        this.consumers = consumers;
        this.reader = reader;
        this.pageTokens = pageTokens;
        this.config = config;
        this.clock = clock;
    }

    /** RegisterStreamConsumer on a stream given by its ARN. */
    ConsumerView register(StreamKey streamKey, String name, Map<String, String> tags) {
        StreamMeta stream = streams.existing(streamKey).meta();
        StreamStatus status = stream.status(clock.millis());
        if (status != StreamStatus.ACTIVE && status != StreamStatus.UPDATING) {
            throw Messages.notActive(streamKey, status);
        }
        long now = clock.millis();
        ConsumerMeta meta = Io.get(() -> consumers.register(stream, name, TagRules.add(streamKey, Map.of(), tags),
                now, config.createDelayMillis()));
        return new ConsumerView(meta, meta.status(now));
    }

    /** The consumer named by its ARN, or by its stream's ARN and its name. */
    ConsumerView describe(String consumerArn, StreamKey streamKey, String name) {
        ConsumerMeta meta = consumer(consumerArn, streamKey, name);
        return new ConsumerView(meta, meta.status(clock.millis()));
    }

    ConsumerPage list(StreamKey streamKey, int maxResults, String nextToken) {
        long now = clock.millis();
        StreamMeta stream = streams.existing(streamKey).meta();
        String after = null;
        if (nextToken != null) {
            PageToken token = pageTokens.open(nextToken, now);
            if (!token.scope().equals(streamKey) || token.streamCreatedAt() != stream.createdAt()) {
                throw ServiceException.invalidArgument("Invalid NextToken.");
            }
            after = token.lastItem();
        }
        String start = after;
        List<ConsumerView> all = consumers.of(stream).stream()
                .filter(c -> start == null || c.name().compareTo(start) > 0)
                .map(c -> new ConsumerView(c, c.status(now))).toList();
        if (all.size() <= maxResults) {
            return new ConsumerPage(all, null);
        }
        List<ConsumerView> page = all.subList(0, maxResults);
        return new ConsumerPage(page, pageTokens.seal(new PageToken(streamKey, stream.createdAt(),
                page.getLast().meta().name(), null, now).encode()));
    }

    void deregister(String consumerArn, StreamKey streamKey, String name) {
        ConsumerMeta meta = consumer(consumerArn, streamKey, name);
        if (meta.deletingAt() < 0) {
            Io.run(() -> consumers.put(meta.deleting(clock.millis())));
        }
    }

    /** The consumer named by its ARN, or by its stream and its name; ResourceNotFoundException otherwise. */
    ConsumerMeta consumer(String consumerArn, StreamKey streamKey, String name) {
        if (consumerArn != null) {
            ConsumerArn arn = ConsumerArn.parseOrNull(consumerArn);
            StreamKey key = arn == null ? null
                    : new StreamKey(arn.stream().account(), arn.stream().region(), arn.stream().streamName());
            OpenStream stream = key == null ? null : streams.get(key);
            ConsumerMeta meta = stream == null ? null : consumers.find(stream.meta(), arn);
            if (meta == null || (name != null && !name.equals(meta.name()))) {
                throw ServiceException.notFound("Consumer " + consumerArn + " not found.");
            }
            return meta;
        }
        if (streamKey == null || name == null) {
            throw ServiceException.invalidArgument("Either ConsumerARN or both StreamARN and ConsumerName must be "
                    + "provided.");
        }
        ConsumerMeta meta = consumers.find(streams.existing(streamKey).meta(), name);
        if (meta == null) {
            throw ServiceException.notFound("Consumer " + name + " under stream " + streamKey.name()
                    + " not found.");
        }
        return meta;
    }

    /** Replaces a consumer's tags with what {@code change} makes of them. */
    void retag(String consumerArn, java.util.function.Function<ConsumerMeta, Map<String, String>> change) {
        synchronized (consumers) {
            ConsumerMeta meta = consumer(consumerArn, null, null);
            Io.run(() -> consumers.put(meta.withTags(change.apply(meta))));
        }
    }

    /**
     * SubscribeToShard. A second subscription of the same consumer and shard within 5 seconds of the first is
     * refused with ResourceInUseException; after that it takes over and the older one ends.
     */
    ShardSubscription subscribe(String consumerArn, String shardId, IteratorType type, String sequenceNumber,
                                Long timestampMillis) {
        ConsumerMeta consumer = consumer(consumerArn, null, null);
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
        String key = consumerArn + "|" + shard.id();
        synchronized (subscriptions) {
            ActiveSubscription previous = subscriptions.get(key);
            if (previous != null && !previous.subscription().closed()
                    && now - previous.startedAt() < TAKEOVER_MILLIS) {
                throw ServiceException.inUse("Another active subscription exists for consumer " + consumerArn
                        + " on shard " + shard.id() + "; a new one may take over after "
                        + TAKEOVER_MILLIS / 1000 + " seconds.");
            }
            if (previous != null) {
                previous.subscription().close();
            }
            StreamKey streamKey = consumer.stream();
            long createdAt = stream.meta().createdAt();
            java.util.function.Supplier<OpenStream> current = () -> {
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
            subscriptions.put(key, new ActiveSubscription(subscription, now));
            return subscription;
        }
    }

    /** Forgets subscriptions that have ended. */
    void sweep() {
        subscriptions.values().removeIf(active -> active.subscription().closed());
    }

    void closeAll() {
        subscriptions.values().forEach(active -> active.subscription().close());
    }
}
