package io.sluice.firehose.delivery.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.Clock;
import io.sluice.firehose.config.SplunkDestination;
import io.sluice.firehose.delivery.Batch;
import io.sluice.firehose.delivery.DeliveryException;
import io.sluice.firehose.delivery.Sink;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Delivers batches to a Splunk HTTP Event Collector with indexer acknowledgement, as Firehose does: one
 * {@code POST /services/collector/raw} (HECEndpointType Raw) or {@code /services/collector/event} (Event, see
 * {@link HecEvents}) per batch with {@code Authorization: Splunk <token>} and {@code X-Splunk-Request-Channel:
 * <channel>}; the answer's {@code ackId} is then polled at {@code /services/collector/ack} with
 * {@code {"acks":[id]}} until Splunk answers it true (delivered) or HECAcknowledgmentTimeoutInSeconds pass
 * ({@code Splunk.AckTimeout}: the batch is sent again on the next attempt, so Splunk may index it twice, at least
 * once as in AWS). An answer without an ackId (acknowledgement disabled on the token) counts as delivered when it
 * is a success. Failures are {@link DeliveryException}s with AWS's codes ({@link HecFailures}); the delivery thread
 * retries them for RetryOptions.DurationInSeconds, then writes the batch under {@code splunk-failed/}.
 *
 * <p>Threading: the delivery thread's, one call at a time (the {@link Sink} contract); a call blocks for the ack
 * wait, as the batch cannot be called delivered before. The channel is one GUID per sink.
 */
public final class SplunkSink implements Sink {

    private static final Duration FIRST_POLL = Duration.ofMillis(500);
    private static final Duration MAX_POLL = Duration.ofSeconds(5);

    private final ObjectMapper json = new ObjectMapper();
    private final Supplier<HttpClient> http;
    private final SplunkDestination destination;
    private final String base;
    private final String channel;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Pause pause;

    public SplunkSink(Supplier<HttpClient> http, SplunkDestination destination, String channel,
                      Duration requestTimeout, Clock clock, Pause pause) {
        this.http = http;
        this.destination = destination;
        String endpoint = destination.hecEndpoint();
        this.base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.channel = channel;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.pause = pause;
    }

    @Override
    public void deliver(Batch batch) throws DeliveryException {
        boolean event = destination.eventEndpoint();
        byte[] body = event ? HecEvents.events(batch) : HecEvents.raw(batch);
        JsonNode answer = post(event ? "/services/collector/event" : "/services/collector/raw", body,
                event ? "application/json" : "text/plain");
        JsonNode ackId = answer.get("ackId");
        if (ackId != null && ackId.canConvertToLong()) {
            awaitAck(ackId.asLong());
        }
    }

    private void awaitAck(long ackId) throws DeliveryException {
        long deadline = clock.millis() + destination.ackTimeoutSeconds() * 1000L;
        byte[] query = ("{\"acks\":[" + ackId + "]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Duration wait = FIRST_POLL;
        while (true) {
            JsonNode answer = post("/services/collector/ack", query, "application/json");
            if (answer.path("acks").path(Long.toString(ackId)).asBoolean(false)) {
                return;
            }
            if (clock.millis() + wait.toMillis() > deadline) {
                throw new DeliveryException("Splunk.AckTimeout", "Did not receive an acknowledgement from HEC for "
                        + "ackId " + ackId + " within the HEC acknowledgement timeout of "
                        + destination.ackTimeoutSeconds() + " seconds; the data will be sent again.", false);
            }
            try {
                pause.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("Splunk.AckTimeout", "Interrupted while waiting for ackId " + ackId
                        + ".", false);
            }
            wait = wait.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(2);
        }
    }

    private JsonNode post(String path, byte[] body, String contentType) throws DeliveryException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout)
                .header("Authorization", "Splunk " + destination.hecToken())
                .header("X-Splunk-Request-Channel", channel)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.get().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("Splunk.ConnectionTimeout", "Splunk did not answer " + path + " within "
                    + requestTimeout.toSeconds() + " seconds.", false);
        } catch (ConnectException e) {
            throw new DeliveryException("Splunk.ConnectionRefused", "Could not connect to " + base + ": "
                    + e.getMessage(), false);
        } catch (IOException e) {
            throw new DeliveryException("Splunk.ConnectionClosed", "The connection to " + base + " failed: "
                    + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("Splunk.ConnectionClosed", "Interrupted.", false);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 200) {
            throw HecFailures.of(response.statusCode(), answer.path("code").asInt(-1),
                    answer.path("text").asText(""));
        }
        return answer;
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null ? json.createObjectNode() : node;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
