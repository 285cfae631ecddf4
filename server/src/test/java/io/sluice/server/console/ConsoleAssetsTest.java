package io.sluice.server.console;

import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Serves the console's files from the classpath (the sluice-console jar's, as the server's tests see it). */
class ConsoleAssetsTest {

    private static final ApiResponse FROM_NEXT = ApiResponse.ok("text/plain", "next".getBytes(StandardCharsets.UTF_8));
    private final ConsoleAssets assets = new ConsoleAssets(request -> FROM_NEXT);

    private static ApiRequest get(String uri, Map<String, String> headers) {
        return new ApiRequest("GET", uri, headers, new byte[0], "127.0.0.1", "id");
    }

    @Test
    void thePageIsServedAtConsoleWithItsTypeAndHeaders() {
        ApiResponse page = assets.handle(get("/console", Map.of()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<title>Sluice console</title>");
        assertThat(page.headers()).containsEntry("Cache-Control", "no-cache").containsEntry("X-Frame-Options", "DENY")
                .containsKey("ETag");
        assertThat(page.headers().get("Content-Security-Policy")).contains("connect-src 'self'");
        assertThat(assets.handle(get("/console/", Map.of())).body()).isEqualTo(page.body());
        assertThat(assets.handle(get("/console/app.js?v=1", Map.of())).contentType())
                .isEqualTo("text/javascript; charset=utf-8");
    }

    @Test
    void aMatchingEtagIsAnsweredNotModified() {
        String etag = assets.handle(get("/console/style.css", Map.of())).headers().get("ETag");
        ApiResponse again = assets.handle(get("/console/style.css", Map.of("if-none-match", etag)));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void namesOutsideTheConsoleOrUnknownAreNotFound() {
        assertThat(assets.handle(get("/console/../META-INF/MANIFEST.MF", Map.of())).status()).isEqualTo(404);
        assertThat(assets.handle(get("/console/%2e%2e/x.js", Map.of())).status()).isEqualTo(404);
        assertThat(assets.handle(get("/console/missing.js", Map.of())).status()).isEqualTo(404);
        assertThat(assets.handle(get("/console/version.class", Map.of())).status()).isEqualTo(404);
    }

    @Test
    void everyOtherRequestGoesToTheNextService() {
        assertThat(assets.handle(get("/health", Map.of()))).isSameAs(FROM_NEXT);
        assertThat(assets.handle(get("/consoles", Map.of()))).isSameAs(FROM_NEXT);
        assertThat(assets.handle(ApiRequest.post("Kinesis_20131202.ListStreams", "application/x-amz-json-1.1", null,
                new byte[0]))).isSameAs(FROM_NEXT);
    }
}
