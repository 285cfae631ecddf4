package io.sluice.mappings.invoke;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.common.ManualClock;
import io.sluice.protocol.sigv4.SigV4Verifier;
import io.sluice.protocol.sigv4.SignedRequest;
import io.sluice.protocol.sigv4.SigningCredentials;
import io.sluice.protocol.sigv4.VerifiedCaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Invoke API call as Lambda expects it, signed when credentials are given; function URLs as they are. */
class HttpLambdaInvokerTest {

    private record Received(String method, String path, String query, Map<String, String> headers, byte[] body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private volatile int status = 200;
    private volatile String functionError;
    private HttpServer server;
    private URI endpoint;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        URI uri = exchange.getRequestURI();
        received.add(new Received(exchange.getRequestMethod(), uri.getRawPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(), headers, exchange.getRequestBody().readAllBytes()));
        if (functionError != null) {
            exchange.getResponseHeaders().add("X-Amz-Function-Error", functionError);
        }
        byte[] body = "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpLambdaInvoker invoker(LambdaCredentials credentials) {
        return new HttpLambdaInvoker(HttpClient.newHttpClient(), endpoint, Duration.ofSeconds(5), credentials,
                clock);
    }

    @Test
    void anArnIsInvokedThroughTheInvokeApiByNameWithRequestResponse() throws IOException {
        LambdaInvoker.Invocation answer = invoker(null).invoke("arn:aws:lambda:us-east-1:123456789012:function:f-1",
                "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8));

        Received request = received.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2015-03-31/functions/f-1/invocations");
        assertThat(request.query()).isEmpty();
        assertThat(request.headers()).containsEntry("x-amz-invocation-type", "RequestResponse")
                .doesNotContainKey("authorization");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Records\":[]}");
        assertThat(answer.succeeded()).isTrue();
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void aQualifiedArnSendsItsQualifier() throws IOException {
        invoker(null).invoke("arn:aws:lambda:us-east-1:123456789012:function:f:live", new byte[0]);

        assertThat(received.getFirst().path()).isEqualTo("/2015-03-31/functions/f/invocations");
        assertThat(received.getFirst().query()).isEqualTo("Qualifier=live");
    }

    @Test
    void withCredentialsTheRequestIsSignedForLambdaInTheArnsRegion() throws IOException {
        LambdaCredentials credentials = new LambdaCredentials("AKIDEXAMPLE", "secret-key", "token-1",
                "eu-west-1");

        invoker(credentials).invoke("arn:aws:lambda:us-west-2:123456789012:function:f:live",
                "{}".getBytes(StandardCharsets.UTF_8));

        Received request = received.getFirst();
        SigV4Verifier verifier = new SigV4Verifier(key -> Optional.of(new SigningCredentials("AKIDEXAMPLE",
                "secret-key", "token-1", "123456789012", "arn:aws:iam::123456789012:user/sluice")), clock);
        VerifiedCaller caller = verifier.verify(new SignedRequest(request.method(), request.path(), request.query(),
                request.headers(), request.body()));
        assertThat(caller.region()).isEqualTo("us-west-2");
        assertThat(caller.service()).isEqualTo("lambda");
        assertThat(request.headers()).containsEntry("x-amz-security-token", "token-1");
    }

    @Test
    void aFunctionErrorHeaderAndAThrottleAreReported() throws IOException {
        functionError = "Unhandled";
        LambdaInvoker.Invocation failed = invoker(null).invoke("f", new byte[0]);
        functionError = null;
        status = 429;
        LambdaInvoker.Invocation throttled = invoker(null).invoke("f", new byte[0]);

        assertThat(failed.functionError()).isEqualTo("Unhandled");
        assertThat(failed.succeeded()).isFalse();
        assertThat(throttled.throttled()).isTrue();
        assertThat(received.getFirst().path()).isEqualTo("/2015-03-31/functions/f/invocations");
    }

    @Test
    void aFunctionUrlIsPostedToAsItIs() throws IOException {
        invoker(null).invoke(endpoint + "/my/function?x=1", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(received.getFirst().path()).isEqualTo("/my/function");
        assertThat(received.getFirst().query()).isEqualTo("x=1");
        assertThat(received.getFirst().headers()).doesNotContainKey("x-amz-invocation-type");
    }

    @Test
    void anUnreachableFunctionOrAMissingEndpointIsAnIOException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpLambdaInvoker noEndpoint = new HttpLambdaInvoker(HttpClient.newHttpClient(), null,
                Duration.ofSeconds(5), null, clock);

        assertThatThrownBy(() -> invoker(null).invoke("http://127.0.0.1:" + closedPort + "/", new byte[0]))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> noEndpoint.invoke("arn:aws:lambda:us-east-1:123456789012:function:f",
                new byte[0])).isInstanceOf(IOException.class).hasMessageContaining("lambda.endpoint");
    }
}
