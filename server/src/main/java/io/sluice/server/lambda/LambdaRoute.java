package io.sluice.server.lambda;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lambda REST request resolved to its operation, as the Lambda model's {@code requestUri}s name them, and the
 * members its path binds ({@code UUID}, {@code Resource}, percent-decoded). Any other path under a Lambda API
 * version ({@code /2015-03-31/functions/...}) resolves to an operation Sluice does not serve, named by method and
 * path, so that it answers a clear error rather than a 404 page. Immutable.
 *
 * @param operation  the operation, e.g. {@code GetEventSourceMapping}
 * @param pathMembers the members the path binds, by model name
 */
record LambdaRoute(String operation, Map<String, String> pathMembers) {

    private static final Pattern MAPPINGS = Pattern.compile("/2015-03-31/event-source-mappings/?");
    private static final Pattern MAPPING = Pattern.compile("/2015-03-31/event-source-mappings/([^/]+)/?");
    private static final Pattern TAGS = Pattern.compile("/2017-03-31/tags/([^/]+)/?");
    /** Every Lambda API path starts with its version date; no other API of Sluice's uses such paths. */
    private static final Pattern LAMBDA_PATH = Pattern.compile("/20\\d\\d-\\d\\d-\\d\\d/.*");

    LambdaRoute {
        pathMembers = Map.copyOf(pathMembers);
    }

    /** The route of a request, or null if the path is not Lambda's. */
    static LambdaRoute of(String method, String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (MAPPINGS.matcher(path).matches()) {
            return switch (method) {
                case "POST" -> new LambdaRoute("CreateEventSourceMapping", Map.of());
                case "GET" -> new LambdaRoute("ListEventSourceMappings", Map.of());
                default -> unsupported(method, path);
            };
        }
        Matcher mapping = MAPPING.matcher(path);
        if (mapping.matches()) {
            Map<String, String> uuid = Map.of("UUID", decode(mapping.group(1)));
            return switch (method) {
                case "GET" -> new LambdaRoute("GetEventSourceMapping", uuid);
                case "PUT" -> new LambdaRoute("UpdateEventSourceMapping", uuid);
                case "DELETE" -> new LambdaRoute("DeleteEventSourceMapping", uuid);
                default -> unsupported(method, path);
            };
        }
        Matcher tags = TAGS.matcher(path);
        if (tags.matches()) {
            Map<String, String> resource = Map.of("Resource", decode(tags.group(1)));
            return switch (method) {
                case "POST" -> new LambdaRoute("TagResource", resource);
                case "GET" -> new LambdaRoute("ListTags", resource);
                case "DELETE" -> new LambdaRoute("UntagResource", resource);
                default -> unsupported(method, path);
            };
        }
        return LAMBDA_PATH.matcher(path).matches() ? unsupported(method, path) : null;
    }

    private static LambdaRoute unsupported(String method, String path) {
        return new LambdaRoute(method + " " + path, Map.of());
    }

    /** Percent-decoding of a path segment: a '+' there is a plus, not a space. */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
