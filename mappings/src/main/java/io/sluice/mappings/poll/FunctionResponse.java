package io.sluice.mappings.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a successful invocation's payload says about its batch, read by Lambda's rules for Kinesis:
 * <ul>
 *   <li>with ReportBatchItemFailures, {@code batchItemFailures} names failed records by sequence number: an absent,
 *       null or empty list (or a payload that is no JSON object) is a complete success; an item whose
 *       {@code itemIdentifier} is missing, null, empty, not a string or not a record of the batch fails the whole
 *       batch; otherwise the batch succeeded up to the record with the lowest sequence number named;</li>
 *   <li>with tumbling windows, the payload must hold a {@code state}, or the invocation failed.</li>
 * </ul>
 * Immutable.
 *
 * @param outcome      how the batch fared
 * @param firstFailed  for {@link Outcome#PARTIAL}: the index in the batch of the first record to retry
 * @param state        with tumbling windows and a success, the state the function returned; else null
 */
record FunctionResponse(Outcome outcome, int firstFailed, JsonNode state) {

    enum Outcome { SUCCESS, PARTIAL, FAILED }

    private static final ObjectMapper JSON = new ObjectMapper();

    static FunctionResponse read(byte[] payload, List<PendingRecord> batch, boolean reportItemFailures,
                                 boolean windows) {
        JsonNode body = parse(payload);
        JsonNode state = null;
        if (windows) {
            state = body == null ? null : body.get("state");
            if (state == null || state.isNull()) {
                return failed();
            }
        }
        if (!reportItemFailures || body == null) {
            return new FunctionResponse(Outcome.SUCCESS, -1, state);
        }
        JsonNode failures = body.get("batchItemFailures");
        if (failures == null || failures.isNull() || failures.isArray() && failures.isEmpty()) {
            return new FunctionResponse(Outcome.SUCCESS, -1, state);
        }
        if (!failures.isArray()) {
            return failed();
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            index.put(batch.get(i).sequenceNumber, i);
        }
        int first = Integer.MAX_VALUE;
        for (JsonNode item : failures) {
            JsonNode id = item == null ? null : item.get("itemIdentifier");
            Integer at = id != null && id.isTextual() ? index.get(id.asText()) : null;
            if (at == null) {
                return failed();
            }
            first = Math.min(first, at);
        }
        return new FunctionResponse(Outcome.PARTIAL, first, state);
    }

    private static FunctionResponse failed() {
        return new FunctionResponse(Outcome.FAILED, -1, null);
    }

    /** The payload as a JSON object, or null when it is empty, not JSON or not an object. */
    private static JsonNode parse(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(payload);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
