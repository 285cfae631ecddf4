package io.sluice.protocol.sigv4;

import java.util.Map;
import java.util.Objects;

/**
 * What the verifier needs of an HTTP request, independent of the HTTP stack. Immutable, except that the body array
 * is shared: callers must not change it.
 *
 * @param method   the HTTP method, e.g. {@code POST}
 * @param path     the request path as it arrived on the wire, still percent-encoded, without the query
 * @param rawQuery the query string as it arrived, without the {@code ?}, still percent-encoded; empty if none
 * @param headers  header names in lower case; values as received, several values of one name joined by
 *                 {@code ","}. Over HTTP/2 the caller puts the {@code :authority} pseudo-header under {@code host},
 *                 because that is what the client signed.
 * @param body     the whole request body
 */
public record SignedRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** The value of a header, by its lower-case name; null if absent. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
