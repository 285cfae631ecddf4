package io.sluice.firehose.delivery.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.DeliveryException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sends documents to a cluster's bulk API, {@code POST <endpoint>/_bulk} with one {@code index} action and its
 * document per pair of lines ({@code application/x-ndjson}), and reads the answer's {@code items}, one per action
 * in order. User information in the endpoint ({@code https://user:password@host}) is sent as HTTP basic
 * authentication. A request that fails as a whole (no connection, no answer in time, an HTTP error, an answer that
 * is not a bulk answer) throws {@link DeliveryException} with AWS's codes under the prefix given ({@code OS} or
 * {@code ES}): ConnectionFailed, ServiceException, AccessDenied, MalformedResponse. Thread-safe.
 */
final class BulkClient {

    private final ObjectMapper json = new ObjectMapper();
    private final Supplier<HttpClient> http;
    private final URI bulkUri;
    private final String authorization;
    private final Duration timeout;
    private final String codePrefix;

    BulkClient(Supplier<HttpClient> http, String clusterEndpoint, Duration timeout, String codePrefix) {
        this.http = http;
        URI endpoint = URI.create(clusterEndpoint);
        String userInfo = endpoint.getUserInfo();
        this.authorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        String base = userInfo == null ? clusterEndpoint : clusterEndpoint.replace(endpoint.getRawUserInfo() + "@", "");
        this.bulkUri = URI.create((base.endsWith("/") ? base : base + "/") + "_bulk");
        this.timeout = timeout;
        this.codePrefix = codePrefix;
    }

    /** Indexes {@code documents}; returns one outcome per document, in order. */
    List<BulkItem> index(List<BulkDocument> documents) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(bulkUri).timeout(timeout)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(documents)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.get().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw failure("ConnectionFailed", "The cluster did not answer within " + timeout.toSeconds()
                    + " seconds.");
        } catch (IOException e) {
            throw failure("ConnectionFailed", "Could not reach " + bulkUri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("ConnectionFailed", "Interrupted.");
        }
        return items(response, documents.size());
    }

    private byte[] body(List<BulkDocument> documents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BulkDocument document : documents) {
            ObjectNode action = json.createObjectNode();
            ObjectNode meta = action.putObject("index").put("_index", document.index());
            if (document.type() != null) {
                meta.put("_type", document.type());
            }
            if (document.id() != null) {
                meta.put("_id", document.id());
            }
            out.writeBytes(action.toString().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.writeBytes(document.source());
            out.write('\n');
        }
        return out.toByteArray();
    }

    private List<BulkItem> items(HttpResponse<byte[]> response, int expected) throws DeliveryException {
        int status = response.statusCode();
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (status == 401 || status == 403) {
            throw failure("AccessDenied", "The cluster refused the request (HTTP " + status + "): " + shorten(text));
        }
        if (status != 200) {
            throw failure("ServiceException", "The cluster answered HTTP " + status + ": " + shorten(text));
        }
        JsonNode items;
        try {
            items = json.readTree(response.body()).path("items");
        } catch (IOException e) {
            items = null;
        }
        if (items == null || !items.isArray() || items.size() != expected) {
            throw failure("MalformedResponse", "The cluster's bulk answer does not have one item per document: "
                    + shorten(text));
        }
        List<BulkItem> outcomes = new ArrayList<>(expected);
        for (JsonNode item : items) {
            JsonNode result = item.elements().hasNext() ? item.elements().next() : item;
            JsonNode error = result.get("error");
            outcomes.add(new BulkItem(result.path("status").asInt(0), error == null ? null : error.toString()));
        }
        return outcomes;
    }

    private DeliveryException failure(String code, String message) {
        return new DeliveryException(codePrefix + "." + code, message, false);
    }

    private static String shorten(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000) + "...";
    }
}
