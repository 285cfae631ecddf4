package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Invokes a transformation function over HTTP: POSTs the event to the URL given as the Lambda processor's
 * {@code LambdaArn} and reads the answer from the response body, the way the Lambda Runtime Interface Emulator
 * ({@code /2015-03-31/functions/function/invocations}) and function URLs are called. An answer with a top-level
 * {@code errorMessage} is the function's own failure, as Lambda reports unhandled errors. Thread-safe.
 */
public final class HttpFunctionInvoker implements FunctionInvoker {

    private final Supplier<HttpClient> http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public HttpFunctionInvoker(Supplier<HttpClient> http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public byte[] invoke(String function, byte[] event) throws IOException, FunctionException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(function)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.get().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while invoking " + function, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new FunctionException("The function answered HTTP " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        byte[] body = response.body();
        JsonNode error = errorMessage(body);
        if (error != null) {
            throw new FunctionException(error.asText());
        }
        return body;
    }

    private JsonNode errorMessage(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() && !node.has("records") ? node.get("errorMessage") : null;
        } catch (IOException notJson) {
            return null; // the transformation reports unparseable answers itself
        }
    }
}
