package io.sluice.server.pipeline;

import io.sluice.server.http.ApiResponse;

/**
 * One cross-cutting step of every call, in the shape of an Armeria decorator: it may refuse the call (throw), learn
 * something about it ({@link ApiCall}), pass it on to {@code next}, and observe the answer. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface Stage {

    ApiResponse serve(ApiCall call, ApiHandler next);
}
