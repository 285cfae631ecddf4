package io.sluice.server.pipeline;

import io.sluice.server.http.ApiResponse;

/**
 * Reads the call's input as its API does ({@link Api#decode}: the body in the call's wire format, and for a REST
 * API its path and query members too), SerializationException if it does not read, after authentication so that
 * an unauthenticated caller learns nothing about how its body reads. Thread-safe, as the API is.
 */
final class Decoding implements Stage {

    private final Api api;

    Decoding(Api api) {
        this.api = api;
    }

    @Override
    public ApiResponse serve(ApiCall call, ApiHandler next) {
        call.decoded(api.decode(call));
        return next.serve(call);
    }
}
