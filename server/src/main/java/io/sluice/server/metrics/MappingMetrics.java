package io.sluice.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sluice.mappings.poll.MappingObserver;

/**
 * Event source mappings' metrics, under Lambda's CloudWatch names with the prefix {@code Lambda.}, labelled
 * {@code FunctionName} and {@code EventSourceMappingUUID}: {@code Lambda.Invocations} (calls),
 * {@code Lambda.Errors} (calls that failed: the function's error, an HTTP error or no answer),
 * {@code Lambda.Throttles}, {@code Lambda.IteratorAge} (milliseconds, the age of the last record of each batch
 * handed to the function), and Sluice's {@code Lambda.DroppedRecords} (records discarded after retries or age ran
 * out, sent to the on-failure destination if there is one) and {@code Lambda.InvokedRecords}. Prometheus turns
 * dots into underscores ({@code Lambda_Invocations_total}). Thread-safe: Micrometer meters are; never blocks.
 */
public final class MappingMetrics implements MappingObserver {

    private final MeterRegistry registry;

    public MappingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void invoked(String uuid, String function, int records, boolean error) {
        Tags tags = tags(uuid, function);
        counter("Lambda.Invocations", tags).increment();
        counter("Lambda.InvokedRecords", tags).increment(records);
        counter("Lambda.Errors", tags).increment(error ? 1 : 0);
    }

    @Override
    public void throttled(String uuid, String function) {
        counter("Lambda.Throttles", tags(uuid, function)).increment();
    }

    @Override
    public void iteratorAge(String uuid, String function, long ageMillis) {
        DistributionSummary.builder("Lambda.IteratorAge").baseUnit("milliseconds").tags(tags(uuid, function))
                .register(registry).record(Math.max(0, ageMillis));
    }

    @Override
    public void dropped(String uuid, String function, int records) {
        counter("Lambda.DroppedRecords", tags(uuid, function)).increment(records);
    }

    private static Tags tags(String uuid, String function) {
        return Tags.of("FunctionName", function, "EventSourceMappingUUID", uuid);
    }

    private Counter counter(String name, Tags tags) {
        return Counter.builder(name).tags(tags).register(registry);
    }
}
