package io.sluice.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.server.http.ApiResponse;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /health} of a cluster node: 200 {@code {"status":"ok",...}} while the node follows the cluster (its
 * metadata applier is alive), 503 {@code {"status":"disconnected",...}} otherwise, so that a load balancer sends
 * clients to other nodes. Both name the backend and the node. Thread-safe.
 */
final class ClusterHealth implements Supplier<ApiResponse> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/json";

    private final String nodeId;
    private final BooleanSupplier connected;

    ClusterHealth(String nodeId, BooleanSupplier connected) {
        this.nodeId = nodeId;
        this.connected = connected;
    }

    @Override
    public ApiResponse get() {
        boolean up = connected.getAsBoolean();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "ok" : "disconnected");
        body.put("backend", "kafka");
        body.put("node", nodeId);
        body.put("connected", up);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException("a map of strings and booleans always serialises", e);
        }
        return up ? ApiResponse.ok(CONTENT_TYPE, bytes) : new ApiResponse(503, CONTENT_TYPE, bytes, null);
    }
}
