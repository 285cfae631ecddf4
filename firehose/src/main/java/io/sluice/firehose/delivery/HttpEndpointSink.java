package io.sluice.firehose.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.Clock;
import io.sluice.firehose.config.CommonAttribute;
import io.sluice.firehose.config.HttpEndpointDestination;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.function.Supplier;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * Delivers batches to an HTTP endpoint under the Firehose HTTP delivery contract: a POST of
 * {@code {"requestId", "timestamp", "records":[{"data": base64}]}} with the headers
 * {@code X-Amz-Firehose-Protocol-Version: 1.0}, {@code X-Amz-Firehose-Request-Id} (the same on every retry of the
 * batch), {@code X-Amz-Firehose-Source-Arn}, {@code X-Amz-Firehose-Access-Key} (if configured),
 * {@code X-Amz-Firehose-Common-Attributes: {"commonAttributes":{...}}} (if configured) and
 * {@code Content-Encoding: gzip} with GZIP content encoding. Only a 200 answer whose JSON body carries the same
 * {@code requestId} is a success; 413 is a permanent failure, anything else is retried. Thread-safe.
 */
public final class HttpEndpointSink implements Sink {

    private final ObjectMapper json = new ObjectMapper();
    private final Supplier<HttpClient> http;
    private final HttpEndpointDestination destination;
    private final String sourceArn;
    private final Duration timeout;
    private final Clock clock;

    public HttpEndpointSink(Supplier<HttpClient> http, HttpEndpointDestination destination, String sourceArn,
                            Duration timeout, Clock clock) {
        this.http = http;
        this.destination = destination;
        this.sourceArn = sourceArn;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public void deliver(Batch batch) throws DeliveryException {
        HttpResponse<byte[]> response;
        try {
            response = http.get().send(request(batch), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("HttpEndpoint.ResponseTimeout",
                    "The endpoint did not answer within " + timeout.toSeconds() + " seconds.", false);
        } catch (IOException e) {
            throw new DeliveryException("HttpEndpoint.ConnectionFailed", "Could not reach " + destination.url()
                    + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("HttpEndpoint.ConnectionFailed", "Interrupted.", false);
        }
        check(batch, response);
    }

    private HttpRequest request(Batch batch) throws IOException {
        ObjectNode body = json.createObjectNode()
                .put("requestId", batch.requestId())
                .put("timestamp", clock.millis());
        ArrayNode records = body.putArray("records");
        for (Batch.Entry entry : batch.entries()) {
            records.addObject().put("data", Base64.getEncoder().encodeToString(entry.data()));
        }
        byte[] bytes = json.writeValueAsBytes(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(destination.url())).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Amz-Firehose-Protocol-Version", "1.0")
                .header("X-Amz-Firehose-Request-Id", batch.requestId())
                .header("X-Amz-Firehose-Source-Arn", sourceArn);
        if (destination.accessKey() != null && !destination.accessKey().isEmpty()) {
            request.header("X-Amz-Firehose-Access-Key", destination.accessKey());
        }
        if (!destination.commonAttributes().isEmpty()) {
            ObjectNode attributes = json.createObjectNode();
            ObjectNode common = attributes.putObject("commonAttributes");
            for (CommonAttribute attribute : destination.commonAttributes()) {
                common.put(attribute.name(), attribute.value());
            }
            request.header("X-Amz-Firehose-Common-Attributes", json.writeValueAsString(attributes));
        }
        if (destination.gzip()) {
            request.header("Content-Encoding", "gzip");
            bytes = gzip(bytes);
        }
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }

    private void check(Batch batch, HttpResponse<byte[]> response) throws DeliveryException {
        int status = response.statusCode();
        String message = errorMessage(response.body());
        if (status == 413) {
            throw new DeliveryException("HttpEndpoint.PayloadTooLarge",
                    "The endpoint refused the request as too large (HTTP 413)" + message, true);
        }
        if (status != 200) {
            throw new DeliveryException("HttpEndpoint.InvalidResponseFromDestination",
                    "The endpoint answered HTTP " + status + message, false);
        }
        JsonNode answer = parse(response.body());
        if (answer == null || !batch.requestId().equals(answer.path("requestId").asText(null))) {
            throw new DeliveryException("HttpEndpoint.InvalidResponseFromDestination",
                    "The endpoint's answer does not carry the request id " + batch.requestId() + ".", false);
        }
    }

    private String errorMessage(byte[] body) {
        JsonNode answer = parse(body);
        JsonNode message = answer == null ? null : answer.get("errorMessage");
        return message == null ? "." : ": " + message.asText();
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
