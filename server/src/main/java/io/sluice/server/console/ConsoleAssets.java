package io.sluice.server.console;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.http.ApiService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the web console's files (built into the {@code sluice-console} jar under {@code io/sluice/console/}) to a
 * GET of {@code /console} or a path below it, and hands every other request to the next service (the API router).
 * {@code /console} and {@code /console/} are the page itself; a path that names no file is 404. Every answer is
 * revalidated ({@code Cache-Control: no-cache} with an ETag, 304 when it matches) so that an upgraded server never
 * runs with a stale script, and carries headers that keep the page to its own origin: a Content-Security-Policy
 * that loads and connects to nothing elsewhere, no framing, no MIME sniffing. The console holds no cookie, so a
 * cross-site page can make no call on its behalf.
 *
 * <p>Thread-safe: files are read once and kept in a concurrent map.
 */
public final class ConsoleAssets implements ApiService {

    public static final String PATH = "/console";
    private static final String ROOT = "io/sluice/console/";
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final byte[] NOT_FOUND = "Not found\n".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json",
            "txt", "text/plain; charset=utf-8");
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                    + "frame-ancestors 'none'; form-action 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");

    private record Asset(byte[] body, String type, String etag) {
    }

    private final ApiService next;
    private final ClassLoader loader;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    public ConsoleAssets(ApiService next) {
        this(next, ConsoleAssets.class.getClassLoader());
    }

    ConsoleAssets(ApiService next, ClassLoader loader) {
        this.next = next;
        this.loader = loader;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        if (!request.method().equals("GET") || !(path.equals(PATH) || path.startsWith(PATH + "/"))) {
            return next.handle(request);
        }
        String name = path.length() <= PATH.length() + 1 ? "index.html" : path.substring(PATH.length() + 1);
        Asset asset = SAFE_NAME.matcher(name).matches() && !name.contains("..") ? asset(name) : null;
        if (asset == null) {
            return new ApiResponse(404, "text/plain; charset=utf-8", NOT_FOUND, null, null, SECURITY_HEADERS);
        }
        Map<String, String> headers = new java.util.HashMap<>(SECURITY_HEADERS);
        headers.put("ETag", asset.etag());
        if (asset.etag().equals(request.header("if-none-match"))) {
            return new ApiResponse(304, asset.type(), new byte[0], null, null, headers);
        }
        return new ApiResponse(200, asset.type(), asset.body(), null, null, headers);
    }

    /** The file, read once; null if the jar has none of that name (or it is a type the console does not serve). */
    private Asset asset(String name) {
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            return null;
        }
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = loader.getResourceAsStream(ROOT + n)) {
                if (in == null) {
                    return null;
                }
                byte[] body = in.readAllBytes();
                return new Asset(body, type, "\"" + HexFormat.of().formatHex(sha256(body), 0, 16) + "\"");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the console's " + n, e);
            }
        });
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
