package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.ConsumerArn;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

import java.util.List;
import java.util.Map;

/**
 * The control plane of enhanced fan-out consumers: RegisterStreamConsumer, DescribeStreamConsumer,
 * ListStreamConsumers, DeregisterStreamConsumer and consumers' tags. Their subscriptions are {@link FanOut}'s.
 *
 * <p>Threading: thread-safe; changes are serialised by the {@link ConsumerRegistry}, lookups are lock-free.
 */
public final class ConsumerControl {

    private final StreamRegistry streams;
    private final ConsumerRegistry consumers;
    private final PageTokens pageTokens;
    private final EngineConfig config;
    private final Clock clock;

    ConsumerControl(StreamRegistry streams, ConsumerRegistry consumers, PageTokens pageTokens, EngineConfig config,
                    Clock clock) {
        this.streams = streams;
        this.consumers = consumers;
        this.pageTokens = pageTokens;
        this.config = config;
        this.clock = clock;
    }

    /** RegisterStreamConsumer on a stream given by its ARN. */
    public ConsumerView register(StreamKey streamKey, String name, Map<String, String> tags) {
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
    public ConsumerView describe(String consumerArn, StreamKey streamKey, String name) {
        ConsumerMeta meta = consumer(consumerArn, streamKey, name);
        return new ConsumerView(meta, meta.status(clock.millis()));
    }

    public ConsumerPage list(StreamKey streamKey, int maxResults, String nextToken) {
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

    /** DeregisterStreamConsumer: the consumer shows DELETING until {@link Maintenance} removes it. */
    public void deregister(String consumerArn, StreamKey streamKey, String name) {
        ConsumerMeta meta = consumer(consumerArn, streamKey, name);
        if (meta.deletingAt() < 0) {
            Io.run(() -> consumers.put(meta.deleting(clock.millis())));
        }
    }

    public Map<String, String> tags(String consumerArn) {
        return consumer(consumerArn, null, null).tags();
    }

    public void tag(String consumerArn, Map<String, String> tags) {
        Io.run(() -> consumers.update(() -> consumer(consumerArn, null, null),
                current -> current.withTags(TagRules.add(current.stream(), current.tags(), tags))));
    }

    public void untag(String consumerArn, List<String> keys) {
        Io.run(() -> consumers.update(() -> consumer(consumerArn, null, null),
                current -> current.withTags(TagRules.remove(current.tags(), keys))));
    }

    /** How many consumers the stream has (DescribeStreamSummary's ConsumerCount). */
    public int count(StreamMeta stream) {
        return consumers.of(stream).size();
    }

    /**
     * The consumer named by its ARN, or by its stream and its name; ResourceNotFoundException otherwise (once this
     * node's view has caught up: it may have been registered through another node a moment ago).
     */
    ConsumerMeta consumer(String consumerArn, StreamKey streamKey, String name) {
        try {
            return lookUp(consumerArn, streamKey, name);
        } catch (ServiceException e) {
            if (e.type() != ErrorType.RESOURCE_NOT_FOUND) {
                throw e;
            }
            streams.catchUp();
            return lookUp(consumerArn, streamKey, name);
        }
    }

    private ConsumerMeta lookUp(String consumerArn, StreamKey streamKey, String name) {
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
}
