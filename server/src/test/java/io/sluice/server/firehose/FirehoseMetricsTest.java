package io.sluice.server.firehose;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.firehose.delivery.DeliveryObserver;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FirehoseMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FirehoseMetrics metrics = new FirehoseMetrics(registry);

    private double count(String name) {
        return registry.get(name).tag("DeliveryStreamName", "s").counter().count();
    }

    @Test
    void deliveriesAreCountedUnderAwsNamesPerTarget() {
        metrics.delivered("s", DeliveryObserver.Target.S3, 3, 30, Duration.ofSeconds(2));
        metrics.deliveryFailed("s", DeliveryObserver.Target.S3);
        metrics.delivered("s", DeliveryObserver.Target.HTTP_ENDPOINT, 1, 5, Duration.ZERO);

        assertThat(count("DeliveryToS3.Records")).isEqualTo(3);
        assertThat(count("DeliveryToS3.Bytes")).isEqualTo(30);
        assertThat(count("DeliveryToS3.Success")).isEqualTo(1);
        assertThat(count("DeliveryToS3.Attempts")).isEqualTo(2);
        assertThat(count("DeliveryToS3.ObjectCount")).isEqualTo(1);
        assertThat(registry.get("DeliveryToS3.DataFreshness").timer().max(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(2);
        assertThat(count("DeliveryToHttpEndpoint.Records")).isEqualTo(1);
        assertThat(registry.find("DeliveryToHttpEndpoint.ObjectCount").counter()).isNull();
    }

    @Test
    void incomingAndProcessingAreCounted() {
        metrics.incoming("s", 2, 10);
        metrics.processed("s", Duration.ofMillis(5), false, 1, 4);
        assertThat(count("IncomingRecords")).isEqualTo(2);
        assertThat(count("IncomingBytes")).isEqualTo(10);
        assertThat(count("IncomingPutRequests")).isEqualTo(1);
        assertThat(count("ExecuteProcessing.Success")).isZero();
        assertThat(count("SucceedProcessing.Records")).isEqualTo(1);
    }
}
