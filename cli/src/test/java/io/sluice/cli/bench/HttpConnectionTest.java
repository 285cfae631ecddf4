package io.sluice.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection against a hand-written endpoint that answers, stays silent or hangs up, connection by connection. */
class HttpConnectionTest {

    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    /** Whether the endpoint hangs up on the next request instead of answering or staying silent. */
    private volatile boolean hangUp;
    private ServerSocket server;
    private HttpTransport transport;

    @AfterEach
    void close() throws IOException {
        transport.close();
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void anExchangeWithoutAnAnswerFailsAtTheTimeoutAndTheNextOneGoesOutOnANewConnection() throws Exception {
        // the first connection never answers, the second answers
        HttpConnection connection = start(number -> number > 1, Duration.ofMillis(200));

        Throwable first = failureOf(connection);
        String second = answerOf(connection);

        assertThat(first).isInstanceOf(TimeoutException.class);
        assertThat(second).isEqualTo("200 ok");
    }

    @Test
    void aConnectionClosedByTheEndpointFailsTheExchangeInFlight() throws Exception {
        HttpConnection connection = start(number -> false, Duration.ofSeconds(30));

        Throwable failure = failureOf(connection, true);

        assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void answersOnOneConnectionComeInTurn() throws Exception {
        HttpConnection connection = start(number -> true, Duration.ofSeconds(30));

        assertThat(answerOf(connection)).isEqualTo("200 ok");
        assertThat(answerOf(connection)).isEqualTo("200 ok");
        assertThat(accepted).hasSize(1);
    }

    private HttpConnection start(IntPredicate answers, Duration timeout) throws Exception {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> serve(answers), "test-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
        transport = new HttpTransport(URI.create("http://127.0.0.1:" + server.getLocalPort()), 1);
        return new HttpConnection(transport, transport.nextLoop(), timeout);
    }

    /** Connection n answers every request when {@code answers} holds for n; else it is silent, or hangs up. */
    private void serve(IntPredicate answers) {
        try {
            for (int number = 1; ; number++) {
                Socket socket = server.accept();
                accepted.add(socket);
                int connection = number;
                Thread worker = new Thread(() -> converse(socket, answers.test(connection)));
                worker.setDaemon(true);
                worker.start();
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private void converse(Socket socket, boolean answer) {
        try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            while (readRequest(in)) {
                if (hangUp) {
                    socket.close();
                    return;
                }
                if (answer) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        } catch (IOException closed) {
            // the client went away
        }
    }

    /** Reads one request with a Content-Length body; false at the end of the stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (!head.toString().endsWith("\r\n\r\n")) {
            if ((b = in.read()) < 0) {
                return false;
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase(Locale.ROOT);
        int at = lower.indexOf("content-length:");
        int length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
        return in.readNBytes(length).length == length;
    }

    private Throwable failureOf(HttpConnection connection) throws Exception {
        return failureOf(connection, false);
    }

    private Throwable failureOf(HttpConnection connection, boolean hangUpFirst) throws Exception {
        hangUp = hangUpFirst;
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        connection.send(request(), new HttpConnection.Listener() {
            @Override
            public void onResponse(int status, ByteBuf body) {
                failure.completeExceptionally(new AssertionError("answered " + status));
            }

            @Override
            public void onFailure(Throwable cause) {
                failure.complete(cause);
            }
        });
        Throwable cause = failure.get(30, TimeUnit.SECONDS);
        hangUp = false;
        return cause;
    }

    private static String answerOf(HttpConnection connection) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        connection.send(request(), new HttpConnection.Listener() {
            @Override
            public void onResponse(int status, ByteBuf body) {
                answer.complete(status + " " + body.toString(StandardCharsets.US_ASCII));
            }

            @Override
            public void onFailure(Throwable cause) {
                answer.completeExceptionally(cause);
            }
        });
        return answer.get(30, TimeUnit.SECONDS);
    }

    private static FullHttpRequest request() {
        ByteBuf body = Unpooled.copiedBuffer("{}", StandardCharsets.US_ASCII);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/", body);
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1").setInt(HttpHeaderNames.CONTENT_LENGTH, 2);
        return request;
    }
}
