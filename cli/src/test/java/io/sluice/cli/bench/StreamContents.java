package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads every record a stream holds with the JDK's HTTP client and JSON, independently of the bench's own
 * client and parsers, so that tests compare the bench's counts with what the server really stored.
 */
final class StreamContents {

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
    String errorOf(String operation, Map<String, ?> body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(operation, body);
        return response.statusCode() == 200 ? null : json.readTree(response.body()).path("__type").asText();
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
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Kinesis_20131202." + operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
