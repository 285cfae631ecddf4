package io.sluice.analytics.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Delivers output records to a Lambda function by KDA's Lambda-as-output contract: the event
 * {@code {invocationId, applicationArn, records:[{recordId, lambdaDeliveryRecordMetadata:{retryHint}, data}]}}
 * (data in base64, retryHint the number of earlier failed attempts at the record), answered by
 * {@code {records:[{recordId, result: Ok | DeliveryFailed}]}}. Records answered DeliveryFailed, or not answered,
 * are retried; an answer that is not of this shape fails the whole invocation (retried too).
 *
 * <p><b>Threading</b>: single-threaded, the application's task.
 */
final class LambdaDestination implements Destination {

    private final ObjectMapper json = new ObjectMapper();
    private final FunctionCaller functions;
    private final String functionArn;
    private final String applicationArn;

    LambdaDestination(FunctionCaller functions, String functionArn, String applicationArn) {
        this.functions = functions;
        this.functionArn = functionArn;
        this.applicationArn = applicationArn;
    }

    @Override
    public String kind() {
        return "Lambda";
    }

    @Override
    public int maxRecords() {
        return 500;
    }

    /** Lambda's synchronous payload limit is 6 MB; base64 grows data by a third. */
    @Override
    public long maxBytes() {
        return 4L << 20;
    }

    @Override
    public List<byte[]> write(List<byte[]> records, int attempt) throws IOException {
        ObjectNode event = json.createObjectNode()
                .put("invocationId", UUID.randomUUID().toString())
                .put("applicationArn", applicationArn);
        ArrayNode items = event.putArray("records");
        Map<String, byte[]> sent = new HashMap<>();
        List<String> order = new ArrayList<>(records.size());
        for (byte[] data : records) {
            String id = UUID.randomUUID().toString();
            sent.put(id, data);
            order.add(id);
            ObjectNode item = items.addObject().put("recordId", id);
            item.putObject("lambdaDeliveryRecordMetadata").put("retryHint", attempt - 1);
            item.put("data", Base64.getEncoder().encodeToString(data));
        }
        JsonNode answer = json.readTree(functions.invoke(functionArn, json.writeValueAsBytes(event)));
        JsonNode results = answer == null ? null : answer.get("records");
        if (results == null || !results.isArray()) {
            throw new IOException("Lambda output function " + functionArn + " answered without a records array");
        }
        Map<String, Boolean> ok = new HashMap<>();
        for (JsonNode item : results) {
            String id = item.path("recordId").asText(null);
            if (id != null && sent.containsKey(id)) {
                ok.put(id, "Ok".equals(item.path("result").asText()));
            }
        }
        List<byte[]> failed = new ArrayList<>();
        for (String id : order) {
            if (!ok.getOrDefault(id, false)) {
                failed.add(sent.get(id));
            }
        }
        return failed;
    }
}
