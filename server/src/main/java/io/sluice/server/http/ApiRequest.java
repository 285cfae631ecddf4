package io.sluice.server.http;

import java.util.Map;

/**
 * An API call as the HTTP layer hands it on, the same for HTTP/1.1 and HTTP/2: method, path and query, every
 * header (names in lower case, values as received, HTTP/2's {@code :authority} as {@code host}), the body, and
 * the caller's address, and the id the answer will carry in {@code x-amzn-RequestId}.
 */
public record ApiRequest(String method, String uri, Map<String, String> headers, byte[] body, String sourceIp,
                         String requestId) {

    public ApiRequest {
        headers = Map.copyOf(headers);
    }

    /** A POST to {@code /} with the headers the API layer reads first; for tests and tools. */
    public static ApiRequest post(String target, String contentType, String authorization, byte[] body) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (target != null) {
            headers.put("x-amz-target", target);
        }
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        return new ApiRequest("POST", "/", headers, body, "127.0.0.1", java.util.UUID.randomUUID().toString());
    }

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    public String target() {
        return headers.get("x-amz-target");
    }

    public String contentType() {
        return headers.get("content-type");
    }

    public String authorization() {
        return headers.get("authorization");
    }
}
