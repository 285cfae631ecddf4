package io.sluice.server.pipeline;

import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiResponse;

/**
 * Parses the body in the call's wire format (SerializationException if it does not parse), after authentication
 * so that an unauthenticated caller learns nothing about how its body reads. Stateless.
 */
final class Decoding implements Stage {

    @Override
    public ApiResponse serve(ApiCall call, ApiHandler next) {
        call.decoded(WireObject.parse(call.format(), call.request().body()));
        return next.serve(call);
    }
}
