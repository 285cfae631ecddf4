package io.sluice.server.pipeline;

import io.sluice.common.ErrorType;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.protocol.WireFormat;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;

import java.time.Duration;
import java.util.List;

/**
 * An API as it registers with the pipeline: its definition, the resources each call acts on, and the actions
 * themselves. Everything else (signatures, accounts and regions, IAM, the audit log, call rates, metrics) is the
 * pipeline's, which an API cannot skip: {@link io.sluice.server.http.ServiceRouter} only serves APIs wrapped in an
 * {@link ApiPipeline}. Implementations must be thread-safe.
 */
public interface Api {

    ApiDefinition definition();

    /**
     * The operation a request names in this API, or null if it is addressed to another API. By default from
     * {@code X-Amz-Target} (JSON 1.1 APIs); a REST API (Lambda) names it by method and path instead.
     */
    default String operation(ApiRequest request) {
        return definition().operationOf(request.target());
    }

    /**
     * The call's input. By default the body, which must be one structure (JSON 1.1 and CBOR APIs); a REST API adds
     * the members its model binds to the path and the query string.
     *
     * @throws io.sluice.common.ServiceException SerializationException if the input does not read
     */
    default WireObject decode(ApiCall call) {
        return WireObject.parse(call.format(), call.request().body());
    }

    /**
     * The answer to a refused or failed call, in the API's protocol. By default JSON 1.1's (and CBOR's):
     * {@code {"__type": ..., "message": ...}} with the error's status and {@code x-amzn-ErrorType}.
     */
    default ApiResponse error(WireFormat format, ErrorType type, String message) {
        return ApiPipeline.error(format, type, message);
    }

    /**
     * The IAM action a caller needs for an operation; by default the API's own, e.g. {@code firehose:PutRecord}.
     * An API of Sluice's own (the console's reads) names the AWS action that reads the same thing.
     */
    default String iamAction(String operation) {
        return definition().iamAction(operation);
    }

    /**
     * The ARNs a call acts on, as IAM names them; the caller needs the operation's action on each. A call on no
     * particular resource (a List call) names the account's wildcard ARN, e.g.
     * {@code arn:aws:firehose:us-east-1:111122223333:deliverystream/*}.
     */
    List<String> resources(ApiCall call);

    /**
     * Serves an authenticated, authorized call whose input is decoded.
     *
     * @throws io.sluice.common.ServiceException with the AWS error to answer
     */
    ApiResponse serve(ApiCall call);

    /** Applies the API's control-plane call rates; by default none. */
    default void throttle(ApiCall call, ControlPlaneLimiter limiter) {
    }

    /** Records the API's own per-call metrics; by default none beyond the pipeline's. */
    default void recordMetrics(ApiCall call, Duration latency, boolean success) {
    }
}
