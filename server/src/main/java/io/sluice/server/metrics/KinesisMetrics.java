package io.sluice.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sluice.common.ShardId;
import io.sluice.engine.StreamMeta;
import io.sluice.engine.StreamObserver;

import java.time.Duration;
import java.util.Set;

/**
 * The metrics Kinesis publishes to CloudWatch, under the same names, as Micrometer meters: stream-level ones
 * always (dimension StreamName), shard-level ones (dimensions StreamName and ShardId) only for streams with
 * enhanced monitoring on for that metric. Prometheus needs one label set per name, so the shard-level twins of
 * stream-level names (IncomingBytes, IncomingRecords, Write/ReadProvisionedThroughputExceeded) carry the suffix
 * {@code .PerShard}; OutgoingBytes, OutgoingRecords and IteratorAgeMilliseconds exist only per shard and keep
 * their names. Prometheus turns a name's dots into underscores and adds its unit suffix ({@code PutRecord.Latency}
 * becomes {@code PutRecord_Latency_seconds}). Thread-safe: Micrometer meters are, and meters are looked up by name
 * and tags on each call.
 */
public final class KinesisMetrics implements StreamObserver {

    /** Data-plane operations whose latency and success Kinesis reports per stream. */
    private static final Set<String> TIMED = Set.of("PutRecord", "PutRecords", "GetRecords", "GetShardIterator");

    private final MeterRegistry registry;

    public KinesisMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one call of an API operation on a stream: {@code <Operation>.Latency} and {@code .Success}. */
    public void operation(String operation, String streamName, Duration latency, boolean success) {
        if (!TIMED.contains(operation) || streamName == null) {
            return;
        }
        Tags tags = Tags.of("StreamName", streamName);
        Timer.builder(operation + ".Latency").tags(tags).register(registry).record(latency);
        Counter.builder(operation + ".Success").tags(tags).register(registry).increment(success ? 1 : 0);
    }

    /** One SubscribeToShardEvent pushed to a consumer. */
    public void subscribeToShardEvent(String streamName, int records, long bytes, long millisBehindLatest) {
        Tags tags = Tags.of("StreamName", streamName);
        Counter.builder("SubscribeToShardEvent.Records").tags(tags).register(registry).increment(records);
        Counter.builder("SubscribeToShardEvent.Bytes").tags(tags).register(registry).increment(bytes);
        DistributionSummary.builder("SubscribeToShardEvent.MillisBehindLatest").tags(tags).register(registry)
                .record(millisBehindLatest);
    }

    /** A SubscribeToShard call refused because the consumer already had a subscription to the shard. */
    public void subscribeToShardRateExceeded(String streamName) {
        Counter.builder("SubscribeToShard.RateExceeded").tags("StreamName", streamName).register(registry)
                .increment();
    }

    @Override
    public void recordsPut(StreamMeta stream, ShardId shard, int records, long bytes) {
        count(stream, shard, "IncomingRecords", records);
        count(stream, shard, "IncomingBytes", bytes);
    }

    @Override
    public void writesThrottled(StreamMeta stream, ShardId shard, int records) {
        count(stream, shard, "WriteProvisionedThroughputExceeded", records);
    }

    @Override
    public void recordsRead(StreamMeta stream, ShardId shard, int records, long bytes, long millisBehindLatest) {
        Tags tags = Tags.of("StreamName", stream.key().name());
        Counter.builder("GetRecords.Records").tags(tags).register(registry).increment(records);
        Counter.builder("GetRecords.Bytes").tags(tags).register(registry).increment(bytes);
        DistributionSummary.builder("GetRecords.IteratorAgeMilliseconds").tags(tags).register(registry)
                .record(millisBehindLatest);
        if (shardLevel(stream, "OutgoingRecords")) {
            shardCounter(stream, shard, "OutgoingRecords").increment(records);
        }
        if (shardLevel(stream, "OutgoingBytes")) {
            shardCounter(stream, shard, "OutgoingBytes").increment(bytes);
        }
        if (shardLevel(stream, "IteratorAgeMilliseconds")) {
            DistributionSummary.builder("IteratorAgeMilliseconds").tags(shardTags(stream, shard)).register(registry)
                    .record(millisBehindLatest);
        }
    }

    @Override
    public void readThrottled(StreamMeta stream, ShardId shard) {
        count(stream, shard, "ReadProvisionedThroughputExceeded", 1);
    }

    /** A stream-level counter, and its shard-level twin when enhanced monitoring asks for it. */
    private void count(StreamMeta stream, ShardId shard, String name, double amount) {
        Counter.builder(name).tags("StreamName", stream.key().name()).register(registry).increment(amount);
        if (shardLevel(stream, name)) {
            shardCounter(stream, shard, name + ".PerShard").increment(amount);
        }
    }

    private Counter shardCounter(StreamMeta stream, ShardId shard, String name) {
        return Counter.builder(name).tags(shardTags(stream, shard)).register(registry);
    }

    private static Tags shardTags(StreamMeta stream, ShardId shard) {
        return Tags.of("StreamName", stream.key().name(), "ShardId", shard.toString());
    }

    private static boolean shardLevel(StreamMeta stream, String metric) {
        return stream.shardLevelMetrics().contains(metric);
    }
}
