package io.sluice.firehose.delivery.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Splunk HTTP Event Collector as its documentation describes it, for tests: {@code /services/collector/raw} and
 * {@code /services/collector/event} take data with {@code Authorization: Splunk <token>} and a
 * {@code X-Splunk-Request-Channel}, answer {@code {"text":"Success","code":0,"ackId":n}}, and
 * {@code /services/collector/ack} answers {@code {"acks":{"n":true|false}}}. How acks behave is set per test:
 * acknowledged after some polls (delayed), never (lost), or the ack endpoint refusing with an error.
 */
final class HecContractServer implements AutoCloseable {

    /** One request the server received. */
    record Received(String path, String authorization, String channel, String body) {
    }

    static final String TOKEN = "11111111-2222-3333-4444-555555555555";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextAckId = new AtomicInteger();
    private final Map<Long, AtomicInteger> pollsUntilAck = new ConcurrentHashMap<>();
    volatile int pollsBeforeAck = 0;
    volatile boolean acksLost;
    volatile int ackRefusalStatus;
    volatile boolean ackIds = true;
    volatile int dataStatus = 200;
    volatile int dataCode = 0;

    HecContractServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/services/collector/raw", this::data);
        server.createContext("/services/collector/event", this::data);
        server.createContext("/services/collector/ack", this::ack);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private Received record(HttpExchange exchange) throws IOException {
        Received r = new Received(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Splunk-Request-Channel"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        received.add(r);
        return r;
    }

    private void data(HttpExchange exchange) throws IOException {
        Received r = record(exchange);
        if (!("Splunk " + TOKEN).equals(r.authorization())) {
            answer(exchange, 403, "{\"text\":\"Invalid token\",\"code\":4}");
        } else if (r.channel() == null) {
            answer(exchange, 400, "{\"text\":\"Data channel is missing\",\"code\":10}");
        } else if (dataStatus != 200) {
            answer(exchange, dataStatus, "{\"text\":\"refused\",\"code\":" + dataCode + "}");
        } else if (!ackIds) {
            answer(exchange, 200, "{\"text\":\"Success\",\"code\":0}");
        } else {
            long id = nextAckId.getAndIncrement();
            pollsUntilAck.put(id, new AtomicInteger(pollsBeforeAck));
            answer(exchange, 200, "{\"text\":\"Success\",\"code\":0,\"ackId\":" + id + "}");
        }
    }

    private void ack(HttpExchange exchange) throws IOException {
        Received r = record(exchange);
        if (ackRefusalStatus != 0) {
            answer(exchange, ackRefusalStatus, "{\"text\":\"Server is busy\",\"code\":9}");
            return;
        }
        StringBuilder acks = new StringBuilder();
        for (JsonNode id : json.readTree(r.body()).path("acks")) {
            AtomicInteger left = pollsUntilAck.get(id.asLong());
            boolean acked = !acksLost && left != null && left.getAndDecrement() <= 0;
            acks.append(acks.isEmpty() ? "" : ",").append('"').append(id.asLong()).append("\":").append(acked);
        }
        answer(exchange, 200, "{\"acks\":{" + acks + "}}");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
