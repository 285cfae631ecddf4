package io.sluice.server.firehose;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sluice.firehose.delivery.DeliveryObserver;

import java.time.Duration;

/**
 * The metrics Firehose publishes to CloudWatch, under the same names, as Micrometer meters with the label
 * {@code DeliveryStreamName}: IncomingBytes, IncomingRecords, IncomingPutRequests; {@code DeliveryToS3.*},
 * {@code DeliveryToHttpEndpoint.*} and {@code BackupToS3.*} (Records, Bytes, Success, DataFreshness, and
 * ObjectCount for S3); ExecuteProcessing.Duration and .Success, SucceedProcessing.Records and .Bytes; and
 * {@code <target>.GivenUp}, Sluice's count of records given up on. Prometheus turns dots into underscores and adds
 * unit suffixes ({@code DeliveryToS3_DataFreshness_seconds}). Success is a counter of attempts with value 1 or 0
 * per attempt, so its rate divided by the attempt count is AWS's average. Thread-safe.
 */
public final class FirehoseMetrics implements DeliveryObserver {

    private static final String LABEL = "DeliveryStreamName";

    private final MeterRegistry registry;

    public FirehoseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void incoming(String stream, int records, long bytes) {
        Tags tags = Tags.of(LABEL, stream);
        counter("IncomingRecords", tags).increment(records);
        counter("IncomingBytes", tags).increment(bytes);
        counter("IncomingPutRequests", tags).increment();
    }

    @Override
    public void delivered(String stream, Target target, int records, long bytes, Duration dataFreshness) {
        Tags tags = Tags.of(LABEL, stream);
        String prefix = target.metricPrefix();
        counter(prefix + ".Records", tags).increment(records);
        counter(prefix + ".Bytes", tags).increment(bytes);
        counter(prefix + ".Success", tags).increment();
        counter(prefix + ".Attempts", tags).increment();
        Timer.builder(prefix + ".DataFreshness").tags(tags).register(registry).record(dataFreshness);
        if (target == Target.S3 || target == Target.BACKUP_S3) {
            counter(prefix + ".ObjectCount", tags).increment();
        }
    }

    @Override
    public void deliveryFailed(String stream, Target target) {
        Tags tags = Tags.of(LABEL, stream);
        counter(target.metricPrefix() + ".Success", tags).increment(0);
        counter(target.metricPrefix() + ".Attempts", tags).increment();
    }

    @Override
    public void processed(String stream, Duration duration, boolean success, int records, long bytes) {
        Tags tags = Tags.of(LABEL, stream);
        Timer.builder("ExecuteProcessing.Duration").tags(tags).register(registry).record(duration);
        counter("ExecuteProcessing.Success", tags).increment(success ? 1 : 0);
        counter("SucceedProcessing.Records", tags).increment(records);
        counter("SucceedProcessing.Bytes", tags).increment(bytes);
    }

    @Override
    public void givenUp(String stream, Target target, int records) {
        counter(target.metricPrefix() + ".GivenUp", Tags.of(LABEL, stream)).increment(records);
    }

    private Counter counter(String name, Tags tags) {
        return Counter.builder(name).tags(tags).register(registry);
    }
}
