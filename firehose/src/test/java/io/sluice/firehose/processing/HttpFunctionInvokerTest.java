package io.sluice.firehose.processing;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpFunctionInvokerTest {

    private HttpServer server;
    private final AtomicReference<String> received = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String answer = "{\"records\":[]}";
    private final HttpFunctionInvoker invoker = new HttpFunctionInvoker(HttpClient::newHttpClient,
            Duration.ofSeconds(5));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/2015-03-31/functions/function/invocations";
    }

    @Test
    void postsTheEventAndReturnsTheAnswer() throws Exception {
        byte[] out = invoker.invoke(url(), "{\"records\":[1]}".getBytes(StandardCharsets.UTF_8));
        assertThat(received.get()).isEqualTo("{\"records\":[1]}");
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("{\"records\":[]}");
    }

    @Test
    void anUnhandledErrorOfTheFunctionIsAFunctionException() {
        answer = "{\"errorMessage\":\"boom\",\"errorType\":\"Error\"}";
        assertThatThrownBy(() -> invoker.invoke(url(), new byte[0]))
                .isInstanceOf(FunctionInvoker.FunctionException.class).hasMessage("boom");
    }

    @Test
    void aNon2xxAnswerIsAFunctionException() {
        status = 502;
        assertThatThrownBy(() -> invoker.invoke(url(), new byte[0]))
                .isInstanceOf(FunctionInvoker.FunctionException.class).hasMessageContaining("502");
    }

    @Test
    void anUnreachableFunctionIsAnIoException() {
        server.stop(0);
        assertThatThrownBy(() -> invoker.invoke(url(), new byte[0])).isInstanceOf(IOException.class);
    }
}
