package io.sluice.server.pipeline;

import io.sluice.server.auth.Authorizer;
import io.sluice.server.http.ApiResponse;

/**
 * Checks that the caller may run the operation on every resource the API says the call acts on, with the caller's
 * identity policies and the resources' policies (IAM's rules, cross-account included: {@link Authorizer}). Callers
 * of an open server (no identity) are not checked. Thread-safe.
 */
final class Authorization implements Stage {

    private final Api api;
    private final Authorizer authorizer;

    Authorization(Api api, Authorizer authorizer) {
        this.api = api;
        this.authorizer = authorizer;
    }

    @Override
    public ApiResponse serve(ApiCall call, ApiHandler next) {
        Caller caller = call.caller();
        if (caller.identity() != null) {
            String action = api.iamAction(call.operation());
            for (String resource : api.resources(call)) {
                authorizer.authorize(caller.identity(), action, resource);
            }
        }
        return next.serve(call);
    }
}
