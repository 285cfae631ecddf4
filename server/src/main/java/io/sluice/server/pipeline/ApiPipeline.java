package io.sluice.server.pipeline;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.protocol.ErrorBody;
import io.sluice.protocol.WireFormat;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.http.ApiService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * One API behind every stage of the pipeline, in this order: audit (which observes the outcome of all that follows)
 * → authenticate (SigV4; account and region) → decode the body → authorize (IAM) → control-plane call rates →
 * metrics → the API's action. Picks the operation first ({@link Api#operation}) (UnknownOperationException for
 * one the API does not have) and turns every refusal into the API's error body; a failure inside Sluice answers
 * the API's internal error, with its cause logged. Errors are encoded as the API encodes them ({@link Api#error}). Made only by {@link Pipeline#wrap}, so that no API can be
 * served without its stages. Thread-safe.
 */
public final class ApiPipeline implements ApiService {

    static final String INTERNAL_FAILURE_MESSAGE = "Internal service failure.";
    private static final Logger LOG = LoggerFactory.getLogger(ApiPipeline.class);

    private final Api api;
    private final ApiDefinition definition;
    private final ApiHandler chain;

    ApiPipeline(Api api, List<Stage> stages) {
        this.api = api;
        this.definition = api.definition();
        ApiHandler handler = api::serve;
        for (Stage stage : stages.reversed()) {
            ApiHandler next = handler;
            handler = call -> stage.serve(call, next);
        }
        this.chain = handler;
    }

    public ApiDefinition definition() {
        return definition;
    }

    /** Whether a request is addressed to this API. */
    public boolean accepts(ApiRequest request) {
        return api.operation(request) != null;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        WireFormat format = definition.format(request.contentType());
        String operation = api.operation(request);
        if (operation == null || !definition.operations().contains(operation)) {
            return api.error(format, ErrorType.UNKNOWN_OPERATION, "The operation "
                    + (operation == null ? request.target() : operation) + " is not known.");
        }
        try {
            return chain.serve(new ApiCall(request, definition, operation, format));
        } catch (ServiceException e) {
            return api.error(format, e.type(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("internal failure serving {} (request {})", request.target(), request.requestId(), e);
            return api.error(format, definition.internalError(), INTERNAL_FAILURE_MESSAGE);
        }
    }

    /** An error answer in the API's encoding: {@code {"__type": ..., "message": ...}} with AWS's status. */
    public static ApiResponse error(WireFormat format, ErrorType type, String message) {
        return new ApiResponse(type.httpStatus(), format.contentType(), ErrorBody.encode(format, type.awsName(),
                message), type.awsName());
    }

    @Override
    public String toString() {
        return "ApiPipeline[" + definition.signingName() + " " + api.getClass().getSimpleName() + "]";
    }
}
