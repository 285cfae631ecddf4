package io.sluice.server.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

class MetricHistoryTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private Counter counter(String name, String... tags) {
        return Counter.builder(name).tags(tags).register(registry);
    }

    @Test
    void aCounterBecomesItsRatePerSecondBetweenSamples() {
        MetricHistory history = new MetricHistory(registry, 10);
        Counter records = counter("IncomingRecords", "StreamName", "orders");
        records.increment(5);
        history.sample(0);
        records.increment(100);
        history.sample(10_000);
        records.increment(50);
        history.sample(20_000);
        List<MetricHistory.Point> points = history.metric(MetricHistory.STREAM_TAG, "IncomingRecords").get("orders");
        assertThat(points).extracting(MetricHistory.Point::timeMillis).containsExactly(10_000L, 20_000L);
        assertThat(points.get(0).value()).isCloseTo(10.0, within(1e-9));
        assertThat(points.get(1).value()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void aSummaryBecomesTheMeanOfWhatWasRecordedSinceTheLastSampleAndNoPointWhenNothingWas() {
        MetricHistory history = new MetricHistory(registry, 10);
        DistributionSummary age = DistributionSummary.builder("GetRecords.IteratorAgeMilliseconds")
                .tags("StreamName", "orders").register(registry);
        history.sample(0);
        age.record(100);
        age.record(300);
        history.sample(10_000);
        history.sample(20_000);
        Map<MetricHistory.SeriesKey, List<MetricHistory.Point>> all = history.of(MetricHistory.STREAM_TAG, "orders");
        assertThat(all.get(new MetricHistory.SeriesKey(MetricHistory.STREAM_TAG, "orders", null,
                "GetRecords.IteratorAgeMilliseconds"))).containsExactly(new MetricHistory.Point(10_000, 200.0));
    }

    @Test
    void aMeterFirstSeenAfterTheFirstSampleCountsFromZero() {
        MetricHistory history = new MetricHistory(registry, 10);
        history.sample(0);
        counter("IncomingBytes", "StreamName", "late").increment(2000);
        history.sample(10_000);
        assertThat(history.metric(MetricHistory.STREAM_TAG, "IncomingBytes").get("late"))
                .containsExactly(new MetricHistory.Point(10_000, 200.0));
    }

    @Test
    void theRingKeepsOnlyTheNewestPoints() {
        MetricHistory history = new MetricHistory(registry, 3);
        Counter records = counter("IncomingRecords", "StreamName", "orders");
        for (int i = 0; i <= 5; i++) {
            records.increment(10 * i);
            history.sample(i * 1000L);
        }
        assertThat(history.metric(MetricHistory.STREAM_TAG, "IncomingRecords").get("orders"))
                .extracting(MetricHistory.Point::value).containsExactly(30.0, 40.0, 50.0);
    }

    @Test
    void shardAndDeliveryStreamSeriesAreKeptApartAndUntaggedMetersAreIgnored() {
        MetricHistory history = new MetricHistory(registry, 10);
        Counter shard = counter("IncomingRecords.PerShard", "StreamName", "orders", "ShardId", "shardId-000000000001");
        Counter delivery = counter("IncomingRecords", "DeliveryStreamName", "orders");
        Counter other = counter("sluice_api_requests", "api", "kinesis");
        history.sample(0);
        shard.increment(10);
        delivery.increment(20);
        other.increment(30);
        history.sample(1000);
        assertThat(history.of(MetricHistory.STREAM_TAG, "orders")).containsOnlyKeys(new MetricHistory.SeriesKey(
                MetricHistory.STREAM_TAG, "orders", "shardId-000000000001", "IncomingRecords.PerShard"));
        assertThat(history.metric(MetricHistory.STREAM_TAG, "IncomingRecords")).isEmpty();
        assertThat(history.metric(MetricHistory.DELIVERY_STREAM_TAG, "IncomingRecords").get("orders"))
                .containsExactly(new MetricHistory.Point(1000, 20.0));
    }

    @Test
    void anEventSourceMappingsIteratorAgeAndInvocationsAreKeptByItsUuid() {
        MetricHistory history = new MetricHistory(registry, 10);
        String uuid = "6a1b7c2d-0000-4000-8000-000000000001";
        DistributionSummary age = DistributionSummary.builder("Lambda.IteratorAge")
                .tags("FunctionName", "f", "EventSourceMappingUUID", uuid).register(registry);
        Counter invocations = counter("Lambda.Invocations", "FunctionName", "f", "EventSourceMappingUUID", uuid);
        history.sample(0);
        age.record(1200);
        age.record(800);
        invocations.increment(4);
        history.sample(2000);
        assertThat(history.of(MetricHistory.MAPPING_TAG, uuid)).containsOnly(
                entry(new MetricHistory.SeriesKey(MetricHistory.MAPPING_TAG, uuid, null,
                        "Lambda.Invocations"), List.of(new MetricHistory.Point(2000, 2.0))),
                entry(new MetricHistory.SeriesKey(MetricHistory.MAPPING_TAG, uuid, null,
                        "Lambda.IteratorAge"), List.of(new MetricHistory.Point(2000, 1000.0))));
    }
}
