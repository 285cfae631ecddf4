package io.sluice.server.http;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web origins may call Sluice from a browser (the AWS SDK for JavaScript), as AWS serves CORS: every origin
 * ({@code *}), a list of origins (each answered with its own name and {@code Vary: Origin}), or none. Immutable.
 *
 * @param anyOrigin whether every origin may call
 * @param origins   the origins that may call, e.g. {@code https://app.example.com}, when not every one may
 */
public record CorsPolicy(boolean anyOrigin, Set<String> origins) {

    /** Browsers may call from any page. */
    public static final CorsPolicy ANY = new CorsPolicy(true, Set.of());
    /** No browser page may call (non-browser clients are not affected). */
    public static final CorsPolicy NONE = new CorsPolicy(false, Set.of());

    public CorsPolicy {
        origins = Set.copyOf(origins);
    }

    /** Parses {@code cors.allowed-origins}: {@code *}, a comma-separated list of origins, or empty for none. */
    public static CorsPolicy parse(String allowedOrigins) {
        Set<String> origins = Arrays.stream(allowedOrigins.split(",")).map(String::trim)
                .filter(o -> !o.isEmpty()).collect(Collectors.toSet());
        if (origins.contains("*")) {
            if (origins.size() > 1) {
                throw new IllegalArgumentException("cors.allowed-origins is either * or a list of origins, not both");
            }
            return ANY;
        }
        for (String origin : origins) {
            if (!origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("a CORS origin is scheme://host[:port], not '" + origin + "'");
            }
        }
        return origins.isEmpty() ? NONE : new CorsPolicy(false, origins);
    }

    /** The value of Access-Control-Allow-Origin for a request from {@code origin} (null if none); null: none. */
    String allowOrigin(String origin) {
        if (anyOrigin) {
            return "*";
        }
        return origin != null && origins.contains(origin) ? origin : null;
    }
}
