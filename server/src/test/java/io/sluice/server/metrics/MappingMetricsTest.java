package io.sluice.server.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the pollers report becomes Lambda's metrics, per mapping and function. */
class MappingMetricsTest {

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:fn";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MappingMetrics metrics = new MappingMetrics(registry);

    @Test
    void invocationsErrorsThrottlesAgeAndDropsAreCountedPerMapping() {
        metrics.invoked("u1", FUNCTION, 100, false);
        metrics.invoked("u1", FUNCTION, 40, true);
        metrics.invoked("u2", FUNCTION, 7, false);
        metrics.throttled("u1", FUNCTION);
        metrics.iteratorAge("u1", FUNCTION, 1_500);
        metrics.iteratorAge("u1", FUNCTION, 500);
        metrics.dropped("u1", FUNCTION, 40);

        assertThat(count("Lambda.Invocations", "u1")).isEqualTo(2);
        assertThat(count("Lambda.InvokedRecords", "u1")).isEqualTo(140);
        assertThat(count("Lambda.Errors", "u1")).isEqualTo(1);
        assertThat(count("Lambda.Throttles", "u1")).isEqualTo(1);
        assertThat(count("Lambda.DroppedRecords", "u1")).isEqualTo(40);
        assertThat(count("Lambda.Invocations", "u2")).isEqualTo(1);
        assertThat(count("Lambda.Errors", "u2")).isZero();
        var age = registry.find("Lambda.IteratorAge").tags("EventSourceMappingUUID", "u1", "FunctionName", FUNCTION)
                .summary();
        assertThat(age.max()).isEqualTo(1_500);
        assertThat(age.count()).isEqualTo(2);
    }

    private double count(String name, String uuid) {
        return registry.find(name).tags("EventSourceMappingUUID", uuid, "FunctionName", FUNCTION).counter().count();
    }
}
