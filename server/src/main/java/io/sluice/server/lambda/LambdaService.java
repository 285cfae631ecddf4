package io.sluice.server.lambda;

import io.sluice.common.ErrorType;
import io.sluice.protocol.WireFormat;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.kinesis.RequestContext;
import io.sluice.server.pipeline.Api;
import io.sluice.server.pipeline.ApiCall;
import io.sluice.server.pipeline.ApiDefinition;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lambda's REST-JSON API for event source mappings and their tags, as it registers with the request pipeline
 * (IAM {@code lambda:*}, signed for {@code lambda}, audited as {@code lambda.amazonaws.com}): operations named by
 * method and path ({@link LambdaRoute}), input from the body, path and query ({@link RestInput}), errors as
 * Lambda answers them ({@link ErrorResponses}). Any other Lambda operation (Invoke, CreateFunction...) answers
 * UnknownOperationException (404) saying what Sluice serves: Sluice invokes functions, it does not host them.
 * Thread-safe.
 */
public final class LambdaService implements Api {

    /** How the pipeline serves the API. */
    public static final ApiDefinition DEFINITION = new ApiDefinition(null, "lambda", "lambda",
            "lambda.amazonaws.com", Set.of("CreateEventSourceMapping", "GetEventSourceMapping",
            "UpdateEventSourceMapping", "DeleteEventSourceMapping", "ListEventSourceMappings", "TagResource",
            "UntagResource", "ListTags"), Set.of(),
            Set.of("GetEventSourceMapping", "ListEventSourceMappings", "ListTags"), false, ErrorType.LAMBDA_SERVICE);

    private static final ApiCall.Key<LambdaRoute> ROUTE = new ApiCall.Key<>("lambda route");

    private final Map<String, LambdaAction> actions;

    public LambdaService(MappingActions mappings) {
        this.actions = Map.of(
                "CreateEventSourceMapping", mappings::create,
                "GetEventSourceMapping", mappings::get,
                "UpdateEventSourceMapping", mappings::update,
                "DeleteEventSourceMapping", mappings::delete,
                "ListEventSourceMappings", mappings::list,
                "TagResource", mappings::tag,
                "UntagResource", mappings::untag,
                "ListTags", mappings::listTags);
        if (!actions.keySet().equals(DEFINITION.operations())) {
            throw new IllegalStateException("every Lambda operation needs an action, and only those");
        }
    }

    @Override
    public ApiDefinition definition() {
        return DEFINITION;
    }

    @Override
    public String operation(ApiRequest request) {
        LambdaRoute route = LambdaRoute.of(request.method(), request.uri());
        return route == null ? null : route.operation();
    }

    @Override
    public WireObject decode(ApiCall call) {
        return RestInput.read(call.request(), route(call));
    }

    @Override
    public ApiResponse error(WireFormat format, ErrorType type, String message) {
        return ErrorResponses.encode(type, type == ErrorType.UNKNOWN_OPERATION ? message
                + " Sluice serves Lambda's event source mapping operations (and tags on mappings) only; functions"
                + " run elsewhere (lambda.endpoint)." : message);
    }

    /**
     * The mapping a call names, or the account's mappings ({@code event-source-mapping:*}) for a create or a list;
     * the tagged resource's ARN for the tag operations.
     */
    @Override
    public List<String> resources(ApiCall call) {
        RequestContext context = call.caller().context();
        String prefix = "arn:aws:lambda:" + context.region() + ":" + context.account() + ":event-source-mapping:";
        return switch (call.operation()) {
            case "CreateEventSourceMapping", "ListEventSourceMappings" -> List.of(prefix + "*");
            case "TagResource", "UntagResource", "ListTags" -> List.of(call.input().string("Resource"));
            default -> List.of(prefix + call.input().string("UUID"));
        };
    }

    @Override
    public ApiResponse serve(ApiCall call) {
        return actions.get(call.operation()).handle(call.caller().context(), call.input());
    }

    private static LambdaRoute route(ApiCall call) {
        return call.derived(ROUTE, c -> LambdaRoute.of(c.request().method(), c.request().uri()));
    }

    /** One operation: reads its input, answers its status and body. */
    @FunctionalInterface
    interface LambdaAction {
        ApiResponse handle(RequestContext context, WireObject input);
    }
}
