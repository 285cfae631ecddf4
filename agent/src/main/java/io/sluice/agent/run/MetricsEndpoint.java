package io.sluice.agent.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The agent's optional HTTP endpoint (the JDK's server, on the port agent.json's {@code metrics.port} names):
 * {@code GET /metrics} is the Prometheus text of the agent's meters; {@code GET /health} answers 200 "ok" while
 * every flow's tailer works and 503 with the names of the stopped ones otherwise, for a service manager or a
 * load balancer to watch. Requests are served on virtual threads.
 */
final class MetricsEndpoint implements AutoCloseable {

    private final HttpServer server;

    MetricsEndpoint(String host, int port, PrometheusMeterRegistry registry, Supplier<List<String>> stoppedFlows)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/metrics", exchange -> answer(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/health", exchange -> {
            List<String> stopped = stoppedFlows.get();
            if (stopped.isEmpty()) {
                answer(exchange, 200, "text/plain; charset=utf-8", "ok\n");
            } else {
                answer(exchange, 503, "text/plain; charset=utf-8", "tailer stopped: " + String.join(", ", stopped)
                        + "\n");
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
