package io.sluice.server.lambda;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.protocol.WireFormat;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiRequest;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A Lambda REST call's input as one structure: the JSON body (if any), the members bound to the path, and those
 * bound to the query string, by their model names ({@code MaxItems} read from {@code ?MaxItems=}, the list
 * {@code TagKeys} from repeated {@code ?tagKeys=}). A query value that is not a number where the model has one is
 * InvalidParameterValueException. Stateless.
 */
final class RestInput {

    private enum Kind { STRING, INTEGER, LIST }

    private record QueryMember(String queryName, String member, Kind kind) {
    }

    private static final Map<String, List<QueryMember>> QUERY = Map.of(
            "ListEventSourceMappings", List.of(new QueryMember("FunctionName", "FunctionName", Kind.STRING),
                    new QueryMember("EventSourceArn", "EventSourceArn", Kind.STRING),
                    new QueryMember("Marker", "Marker", Kind.STRING),
                    new QueryMember("MaxItems", "MaxItems", Kind.INTEGER)),
            "UntagResource", List.of(new QueryMember("tagKeys", "TagKeys", Kind.LIST)));

    private static final ObjectMapper JSON = new ObjectMapper();

    private RestInput() {
    }

    static WireObject read(ApiRequest request, LambdaRoute route) {
        ObjectNode input = body(request.body());
        route.pathMembers().forEach(input::put);
        Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        for (QueryMember member : QUERY.getOrDefault(route.operation(), List.of())) {
            List<String> values = query.get(member.queryName());
            if (values == null || values.isEmpty()) {
                continue;
            }
            switch (member.kind()) {
                case STRING -> input.put(member.member(), values.getFirst());
                case INTEGER -> input.put(member.member(), integer(member.queryName(), values.getFirst()));
                case LIST -> {
                    ArrayNode list = input.putArray(member.member());
                    values.forEach(list::add);
                }
            }
        }
        try {
            return WireObject.parse(WireFormat.JSON, JSON.writeValueAsBytes(input));
        } catch (JacksonException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    private static ObjectNode body(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ServiceException(ErrorType.SERIALIZATION, "Could not parse request body into json: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ServiceException(ErrorType.SERIALIZATION, "The request body could not be read.");
        }
        if (root == null || root.isMissingNode()) {
            return JSON.createObjectNode();
        }
        if (!(root instanceof ObjectNode object)) {
            throw new ServiceException(ErrorType.SERIALIZATION, "The request body is not a JSON object.");
        }
        return object;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ServiceException(ErrorType.INVALID_PARAMETER_VALUE, "1 validation error detected: Value '"
                    + value + "' at '" + name + "' failed to satisfy constraint: Member must be a number");
        }
    }
}
