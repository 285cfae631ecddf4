package io.sluice.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sluice.analytics.host.ApplicationMetrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-application metrics of Kinesis Data Analytics applications, named after KDA's CloudWatch metrics with the
 * label {@code Application}: {@code KinesisAnalytics.InputRecords} and {@code KinesisAnalytics.InputBytes} with the
 * input's {@code Id} (KDA's Records and Bytes with Flow=Input); {@code KinesisAnalytics.OutputRecords} with the
 * output's in-application stream as {@code Id} and the {@code Destination} kind (Flow=Output); the gauge
 * {@code KinesisAnalytics.MillisBehindLatest} per input; and {@code KinesisAnalytics.ErrorStreamRecords}, the rows
 * sent to error_stream (Sluice's own). Prometheus turns dots into underscores. Thread-safe.
 */
public final class AnalyticsMetrics implements ApplicationMetrics {

    private static final String APP = "Application";

    private final MeterRegistry registry;
    private final Map<Tags, AtomicLong> behind = new ConcurrentHashMap<>();

    public AnalyticsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void input(String application, String inputId, int records, long bytes) {
        Tags tags = Tags.of(APP, application, "Id", inputId);
        counter("KinesisAnalytics.InputRecords", tags).increment(records);
        counter("KinesisAnalytics.InputBytes", tags).increment(bytes);
    }

    @Override
    public void millisBehindLatest(String application, String inputId, long millis) {
        Tags tags = Tags.of(APP, application, "Id", inputId);
        behind.computeIfAbsent(tags, t -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("KinesisAnalytics.MillisBehindLatest", value, AtomicLong::doubleValue).tags(t)
                    .register(registry);
            return value;
        }).set(millis);
    }

    @Override
    public void output(String application, String outputName, String destinationKind, int records) {
        counter("KinesisAnalytics.OutputRecords", Tags.of(APP, application, "Id", outputName,
                "Destination", destinationKind)).increment(records);
    }

    @Override
    public void errors(String application, int rows) {
        counter("KinesisAnalytics.ErrorStreamRecords", Tags.of(APP, application)).increment(rows);
    }

    private Counter counter(String name, Tags tags) {
        return Counter.builder(name).tags(tags).register(registry);
    }
}
