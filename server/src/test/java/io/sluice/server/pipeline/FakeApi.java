package io.sluice.server.pipeline;

import io.sluice.common.ErrorType;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.kinesis.RequestContext;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A made-up API ({@code Fake_20260101}, IAM prefix {@code fake}) registered with the pipeline the way Kinesis and
 * Firehose are: {@code Echo} answers the caller's account and region, {@code Borrow} also needs
 * {@code other:Read} on the ARN it names, {@code Crash} throws. Records what reached it.
 */
final class FakeApi implements Api {

    static final ApiDefinition DEFINITION = new ApiDefinition("Fake_20260101", "fake", "fake", "fake.amazonaws.com",
            Set.of("Echo", "Borrow", "Crash"), Set.of(), Set.of("Echo"), false, ErrorType.INTERNAL_FAILURE);

    final List<String> served = new CopyOnWriteArrayList<>();
    final List<String> throttled = new CopyOnWriteArrayList<>();
    final List<String> metered = new CopyOnWriteArrayList<>();

    @Override
    public ApiDefinition definition() {
        return DEFINITION;
    }

    @Override
    public List<String> resources(ApiCall call) {
        RequestContext context = call.caller().context();
        String operation = call.operation();
        WireObject input = call.input();
        return List.of("arn:aws:fake:" + context.region() + ":" + context.account() + ":thing/"
                + input.string("Thing"));
    }

    @Override
    public ApiResponse serve(ApiCall call) {
        served.add(call.operation());
        RequestContext context = call.caller().context();
        switch (call.operation()) {
            case "Crash" -> throw new IllegalStateException("a bug in the fake API");
            case "Borrow" -> context.permissions().require("other:Read", call.input().string("From"));
            default -> { }
        }
        return ApiResponse.ok(call.format().contentType(), new ResponseWriter(call.format())
                .string("Account", context.account()).string("Region", context.region()).finish());
    }

    @Override
    public void throttle(ApiCall call, ControlPlaneLimiter limiter) {
        throttled.add(call.operation());
        limiter.acquire("CreateStream", call.caller().context().account());
    }

    @Override
    public void recordMetrics(ApiCall call, Duration latency, boolean success) {
        metered.add(call.operation() + (success ? " ok" : " failed"));
    }
}
