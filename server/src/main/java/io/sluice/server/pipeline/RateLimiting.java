package io.sluice.server.pipeline;

import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.server.http.ApiResponse;

/** Applies the API's control-plane call rates (LimitExceededException past them). Thread-safe. */
final class RateLimiting implements Stage {

    private final Api api;
    private final ControlPlaneLimiter limiter;

    RateLimiting(Api api, ControlPlaneLimiter limiter) {
        this.api = api;
        this.limiter = limiter;
    }

    @Override
    public ApiResponse serve(ApiCall call, ApiHandler next) {
        api.throttle(call, limiter);
        return next.serve(call);
    }
}
