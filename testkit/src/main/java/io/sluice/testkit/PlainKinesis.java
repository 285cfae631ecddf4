package io.sluice.testkit;

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
import java.util.Map;

/**
 * Calls the Kinesis API with plain JSON 1.1 requests, signed with SigV4 for a test key (the test server, without a
 * credentials file, accepts any signature but refuses unsigned requests, as AWS does): for tests whose classpath
 * holds no AWS SDK Kinesis client of a usable version. Thread-safe.
 */
public final class PlainKinesis {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestSigner SIGNER = new RequestSigner("AKIDTESTKIT", "testkit-secret", "us-east-1",
            "kinesis");

    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    public PlainKinesis(URI endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * The answer of a successful call (an empty object for operations without output, which answer an empty
     * body); an IllegalStateException with the error body otherwise.
     */
    public JsonNode call(String operation, String body) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("content-type", "application/x-amz-json-1.1",
                "x-amz-target", "Kinesis_20131202." + operation);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        Map<String, String> signed = new java.util.HashMap<>(headers);
        signed.put("host", endpoint.getAuthority());
        SIGNER.sign("POST", "/", "", signed, bytes, Instant.now()).forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(operation + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    }
}
