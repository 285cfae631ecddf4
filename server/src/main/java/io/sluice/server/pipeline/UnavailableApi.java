package io.sluice.server.pipeline;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.server.http.ApiResponse;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An API this node knows but does not serve (Firehose and Kinesis Analytics in cluster mode, whose state would
 * live on one node's disk): every operation answers 503 {@code ServiceUnavailableException} with a message that
 * says why, rather than pretending. Calls still pass the pipeline (signature, IAM, audit), so a caller learns of
 * the refusal only if it may make the call at all. Thread-safe: immutable.
 */
public final class UnavailableApi implements Api {

    private final ApiDefinition definition;
    private final Function<ApiCall, List<String>> resources;
    private final String message;

    /**
     * @param definition the API's own definition (its operations, signing name, IAM prefix)
     * @param resources  the ARNs a call acts on, as the real API names them for IAM
     * @param message    what every call answers
     */
    public UnavailableApi(ApiDefinition definition, Function<ApiCall, List<String>> resources, String message) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.message = Objects.requireNonNull(message, "message");
    }

    @Override
    public ApiDefinition definition() {
        return definition;
    }

    @Override
    public List<String> resources(ApiCall call) {
        return resources.apply(call);
    }

    @Override
    public ApiResponse serve(ApiCall call) {
        throw new ServiceException(ErrorType.SERVICE_UNAVAILABLE, message);
    }
}
