package io.sluice.server.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP contract of the transport, with raw sockets: pipelined requests answered in request order, a service
 * that throws still answered, pages served off the event loop, and CORS as AWS serves it to browsers.
 */
class HttpTransportTest {

    private HttpServer server;

    @AfterEach
    void stop() throws InterruptedException {
        server.stop(1000);
    }

    private int start(CorsPolicy cors, ApiService service, Map<String, Supplier<ApiResponse>> pages)
            throws InterruptedException {
        server = new HttpServer(1 << 20, 100, cors, service, pages);
        return server.listen("127.0.0.1", 0, null);
    }

    private static String post(String target, String extraHeaders) {
        return "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: " + target + "\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\n" + extraHeaders + "Content-Length: 2\r\n\r\n{}";
    }

    /** Sends the bytes, then reads until {@code answers} HTTP answers with a Content-Length have arrived. */
    private static String exchange(int port, String requests, int answers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (complete(read.toString(StandardCharsets.ISO_8859_1)) < answers) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                read.write(buffer, 0, n);
            }
            return read.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static int complete(String text) {
        int count = 0;
        int at = 0;
        while (true) {
            int head = text.indexOf("HTTP/1.1 ", at);
            int end = head < 0 ? -1 : text.indexOf("\r\n\r\n", head);
            if (end < 0) {
                return count;
            }
            String headers = text.substring(head, end).toLowerCase(java.util.Locale.ROOT);
            int length = headers.indexOf("content-length: ");
            int bodyLength = length < 0 ? 0 : Integer.parseInt(headers.substring(length + 16,
                    headers.indexOf("\r\n", length) < 0 ? headers.length() : headers.indexOf("\r\n", length)).trim());
            if (text.length() < end + 4 + bodyLength) {
                return count;
            }
            count++;
            at = end + 4 + bodyLength;
        }
    }

    private static ApiResponse json(String body) {
        return ApiResponse.ok("application/x-amz-json-1.1", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() throws Exception {
        CountDownLatch fastServed = new CountDownLatch(1);
        int port = start(CorsPolicy.NONE, request -> {
            if (request.target().endsWith(".Slow")) {
                try {
                    // the fast request must not be served before this one is answered: if it were, this wait
                    // would end at once and the fast answer would already be on the wire
                    fastServed.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return json("{\"answer\":\"slow\"}");
            }
            fastServed.countDown();
            return json("{\"answer\":\"fast\"}");
        }, Map.of());

        String answers = exchange(port, post("Test.Slow", "") + post("Test.Fast", ""), 2);

        assertThat(answers.indexOf("slow")).isPositive().isLessThan(answers.indexOf("fast"));
    }

    @Test
    void aServiceThatThrowsIsAnsweredInternalFailureWithTheRequestId() throws Exception {
        int port = start(CorsPolicy.NONE, request -> {
            if (request.target().endsWith(".Error")) {
                throw new StackOverflowError("deep");
            }
            throw new IllegalStateException("a bug");
        }, Map.of());

        String answers = exchange(port, post("Test.Runtime", "") + post("Test.Error", ""), 2);

        assertThat(answers.split("HTTP/1.1 500 ", -1)).hasSize(3);
        assertThat(answers).contains("x-amzn-ErrorType: InternalFailureException")
                .contains("\"__type\":\"InternalFailureException\"").contains("x-amzn-RequestId: ");
    }

    @Test
    void pagesAreServedOffTheEventLoop() throws Exception {
        List<Boolean> virtual = new CopyOnWriteArrayList<>();
        int port = start(CorsPolicy.NONE, request -> json("{}"), Map.of("/metrics", () -> {
            virtual.add(Thread.currentThread().isVirtual());
            return ApiResponse.ok("text/plain", "up 1\n".getBytes(StandardCharsets.UTF_8));
        }));

        String answer = exchange(port, "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n", 1);

        assertThat(answer).startsWith("HTTP/1.1 200").contains("up 1");
        assertThat(virtual).containsExactly(true);
    }

    @Test
    void aPreflightIsAnsweredWithoutReachingTheServiceAndEchoesTheRequestedHeaders() throws Exception {
        List<String> served = new CopyOnWriteArrayList<>();
        int port = start(CorsPolicy.ANY, request -> {
            served.add(request.method());
            return json("{}");
        }, Map.of());

        String answer = exchange(port, "OPTIONS / HTTP/1.1\r\nHost: localhost\r\nOrigin: http://app.test\r\n"
                + "Access-Control-Request-Method: POST\r\n"
                + "Access-Control-Request-Headers: authorization, content-type, x-amz-date, x-amz-target, "
                + "x-amz-user-agent\r\n\r\n", 1);

        assertThat(answer).startsWith("HTTP/1.1 200").contains("access-control-allow-origin: *")
                .contains("access-control-allow-methods: GET, POST, PUT, DELETE, OPTIONS")
                .contains("access-control-allow-headers: authorization, content-type, x-amz-date, x-amz-target, "
                        + "x-amz-user-agent")
                .contains("access-control-max-age: 172800");
        assertThat(served).isEmpty();
    }

    @Test
    void everyAnswerErrorsIncludedCarriesTheCorsHeaders() throws Exception {
        int port = start(CorsPolicy.ANY, request -> new ApiResponse(400, "application/x-amz-json-1.1",
                "{\"__type\":\"ResourceNotFoundException\"}".getBytes(StandardCharsets.UTF_8),
                "ResourceNotFoundException"), Map.of());

        String answer = exchange(port, post("Test.Describe", "Origin: http://app.test\r\n"), 1);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("access-control-allow-origin: *")
                .contains("access-control-expose-headers: x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, "
                        + "x-amz-id-2, x-amz-request-id, Date");
    }

    @Test
    void aListOfOriginsAllowsOnlyThoseAndSaysItVaries() throws Exception {
        int port = start(CorsPolicy.parse("https://app.example.com, http://localhost:3000"),
                request -> json("{}"), Map.of());

        String allowed = exchange(port, post("Test.Op", "Origin: http://localhost:3000\r\n"), 1);
        String other = exchange(port, post("Test.Op", "Origin: https://evil.example\r\n"), 1);
        String preflight = exchange(port, "OPTIONS / HTTP/1.1\r\nHost: localhost\r\nOrigin: https://evil.example\r\n"
                + "Access-Control-Request-Method: POST\r\n\r\n", 1);

        assertThat(allowed).contains("access-control-allow-origin: http://localhost:3000").contains("vary: origin");
        assertThat(other).startsWith("HTTP/1.1 200").doesNotContain("access-control-allow-origin");
        assertThat(preflight).startsWith("HTTP/1.1 403").doesNotContain("access-control-allow-origin");
    }
}
