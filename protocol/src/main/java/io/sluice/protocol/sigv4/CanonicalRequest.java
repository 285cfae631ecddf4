package io.sluice.protocol.sigv4;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Builds SigV4's canonical request:
 * <pre>
 * METHOD
 * canonical URI        (path with dot segments removed, then percent-encoded again, slashes kept)
 * canonical query      (see {@link QueryString#canonical})
 * canonical headers    (one "name:value\n" per signed header, in SignedHeaders order)
 *
 * signed headers       (the SignedHeaders list as the client sent it)
 * payload hash
 * </pre>
 * Header values are trimmed and inner whitespace runs become one space, as every SDK does before signing.
 * Stateless.
 */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    static String build(String method, String rawPath, String canonicalQuery, Map<String, String> headers,
                        List<String> signedHeaders, String payloadHash) {
        StringBuilder out = new StringBuilder(256);
        out.append(method).append('\n')
                .append(canonicalUri(rawPath)).append('\n')
                .append(canonicalQuery).append('\n');
        for (String name : signedHeaders) {
            String value = headers.get(name);
            out.append(name).append(':').append(value == null ? "" : trimAll(value)).append('\n');
        }
        out.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
        return out.toString();
    }

    /**
     * The path as AWS SDKs sign it for every service but S3: the wire form (already percent-encoded) with dot
     * segments removed (RFC 3986 §5.2.4), encoded once more. An empty path is {@code /}.
     */
    static String canonicalUri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        return UriEncoding.encode(removeDotSegments(rawPath), true);
    }

    private static String removeDotSegments(String path) {
        Deque<String> kept = new ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..") && kept.size() > 1) {
                    kept.removeLast();
                }
                if (last) {
                    kept.addLast(""); // "/a/.." means the directory "/", which keeps its trailing slash
                }
            } else {
                kept.addLast(segment);
            }
        }
        String joined = String.join("/", kept);
        return joined.startsWith("/") || !path.startsWith("/") ? joined : "/" + joined;
    }

    /** Trims the value and turns every run of whitespace inside it into a single space. */
    static String trimAll(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }
}
