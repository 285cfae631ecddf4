package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.protocol.sigv4.RequestSigner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads every record a stream holds with the JDK's HTTP client and JSON, independently of the bench's own
 * client and parsers, so that tests compare the bench's counts with what the server really stored.
 */
final class StreamContents {

    /** The test server has no credentials file: it accepts any signature, but only signed requests. */
    private static final RequestSigner SIGNER = new RequestSigner("AKIDCONTENTS", "contents-secret", "us-east-1",
            "kinesis");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;

    StreamContents(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The data of every record of every shard, from TRIM_HORIZON to the tip. */
    List<byte[]> readAll(String stream) throws IOException, InterruptedException {
        List<byte[]> records = new ArrayList<>();
        for (JsonNode shard : call("ListShards", Map.of("StreamName", stream)).path("Shards")) {
            String iterator = call("GetShardIterator", Map.of("StreamName", stream, "ShardId",
                    shard.path("ShardId").asText(), "ShardIteratorType", "TRIM_HORIZON"))
                    .path("ShardIterator").asText();
            while (iterator != null) {
                JsonNode page = call("GetRecords", Map.of("ShardIterator", iterator, "Limit", 10_000));
                for (JsonNode record : page.path("Records")) {
                    records.add(record.path("Data").binaryValue());
                }
                boolean atTip = page.path("Records").isEmpty() && page.path("MillisBehindLatest").asLong() == 0;
                iterator = atTip ? null : page.path("NextShardIterator").asText(null);
            }
        }
        return records;
    }

    /** The error type of an answer that is not 200, or null. */
    /** The answer's JSON body, whether it is a result or an error (then with its {@code __type}). */
    JsonNode answer(String operation, Map<String, ?> body) throws IOException, InterruptedException {
        return json.readTree(send(operation, body).body());
    }

    JsonNode call(String operation, Map<String, ?> body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(operation, body);
        if (response.statusCode() != 200) {
            throw new IOException(operation + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }

    private HttpResponse<byte[]> send(String operation, Map<String, ?> body) throws IOException, InterruptedException {
        byte[] bytes = json.writeValueAsBytes(body);
        Map<String, String> headers = Map.of("content-type", "application/x-amz-json-1.1",
                "x-amz-target", "Kinesis_20131202." + operation);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        Map<String, String> signed = new java.util.HashMap<>(headers);
        signed.put("host", endpoint.getAuthority());
        SIGNER.sign("POST", "/", "", signed, bytes, Instant.now()).forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
