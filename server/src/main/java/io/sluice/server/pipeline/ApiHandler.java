package io.sluice.server.pipeline;

import io.sluice.server.http.ApiResponse;

/** The rest of the pipeline, as a stage sees it. Called on the thread that serves the call. */
@FunctionalInterface
public interface ApiHandler {

    /** @throws io.sluice.common.ServiceException with the AWS error to answer */
    ApiResponse serve(ApiCall call);
}
