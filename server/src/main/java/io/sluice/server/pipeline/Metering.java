package io.sluice.server.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.common.ServiceException;
import io.sluice.server.http.ApiResponse;

import java.time.Duration;

/**
 * Times every call that got this far: {@code sluice.api.requests} per API, operation and outcome (the AWS error
 * name, or {@code Success}), and the API's own metrics (Kinesis's per-stream {@code PutRecord.Latency}...).
 * Thread-safe: Micrometer meters are.
 */
final class Metering implements Stage {

    private final Api api;
    private final MeterRegistry registry;

    Metering(Api api, MeterRegistry registry) {
        this.api = api;
        this.registry = registry;
    }

    @Override
    public ApiResponse serve(ApiCall call, ApiHandler next) {
        long start = System.nanoTime();
        String outcome = "InternalFailure";
        try {
            ApiResponse response = next.serve(call);
            outcome = "Success";
            return response;
        } catch (ServiceException e) {
            outcome = e.type().awsName();
            throw e;
        } finally {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            Timer.builder("sluice.api.requests").tag("api", call.api().signingName())
                    .tag("operation", call.operation()).tag("outcome", outcome).register(registry).record(latency);
            api.recordMetrics(call, latency, outcome.equals("Success"));
        }
    }
}
