package io.sluice.analytics.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.analytics.app.SourceKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An input's Lambda pre-processor, by KDA's input pre-processing contract. The event is {@code {invocationId,
 * applicationArn, streamArn, records:[{recordId, data (base64), kinesisStreamRecordMetadata:{sequenceNumber,
 * partitionKey, shardId, approximateArrivalTimestamp}}]}} for a Kinesis stream source (the record id is the
 * sequence number) and {@code kinesisFirehoseRecordMetadata:{approximateArrivalTimestamp}} with a random record
 * id for a delivery stream. The answer is {@code {records:[{recordId, result: Ok | Dropped | ProcessingFailed,
 * data}]}} with every record id sent, once: Ok records go on with the returned data (which may hold several JSON
 * documents or CSV rows), Dropped ones are gone, ProcessingFailed ones go to error_stream. Any other answer, or a
 * failed call, fails the whole batch, which the application retries until it succeeds, as KDA does.
 *
 * <p><b>Threading</b>: single-threaded, the application's task.
 */
final class InputPreprocessor {

    /** The largest batch of record data in one invocation: Lambda takes 6 MB, base64 grows data by a third. */
    private static final long MAX_CHUNK_BYTES = 4L << 20;

    record Processed(SourceRecord source, byte[] data) {
    }

    record Result(List<Processed> ok, List<SourceRecord> failed) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final FunctionCaller functions;
    private final String functionArn;
    private final String applicationArn;
    private final String streamArn;
    private final SourceKind kind;

    InputPreprocessor(FunctionCaller functions, String functionArn, String applicationArn, String streamArn,
                      SourceKind kind) {
        this.functions = functions;
        this.functionArn = functionArn;
        this.applicationArn = applicationArn;
        this.streamArn = streamArn;
        this.kind = kind;
    }

    /** @throws IOException when an invocation failed or answered outside the contract: retry the same records */
    Result process(List<SourceRecord> records) throws IOException {
        List<Processed> ok = new ArrayList<>();
        List<SourceRecord> failed = new ArrayList<>();
        int from = 0;
        while (from < records.size()) {
            int to = from;
            long bytes = 0;
            while (to < records.size() && (to == from || bytes + records.get(to).data().length <= MAX_CHUNK_BYTES)) {
                bytes += records.get(to).data().length;
                to++;
            }
            invoke(records.subList(from, to), ok, failed);
            from = to;
        }
        return new Result(ok, failed);
    }

    private void invoke(List<SourceRecord> chunk, List<Processed> ok, List<SourceRecord> failed) throws IOException {
        ObjectNode event = json.createObjectNode()
                .put("invocationId", UUID.randomUUID().toString())
                .put("applicationArn", applicationArn)
                .put("streamArn", streamArn);
        ArrayNode items = event.putArray("records");
        Map<String, SourceRecord> sent = new HashMap<>();
        for (SourceRecord record : chunk) {
            String id = kind == SourceKind.KINESIS_STREAM ? record.sequenceNumber() : UUID.randomUUID().toString();
            sent.put(id, record);
            ObjectNode item = items.addObject().put("recordId", id);
            if (kind == SourceKind.KINESIS_STREAM) {
                item.putObject("kinesisStreamRecordMetadata")
                        .put("sequenceNumber", record.sequenceNumber())
                        .put("partitionKey", record.partitionKey())
                        .put("shardId", record.shardId())
                        .put("approximateArrivalTimestamp", record.arrivalMillis());
            } else {
                item.putObject("kinesisFirehoseRecordMetadata")
                        .put("approximateArrivalTimestamp", record.arrivalMillis());
            }
            item.put("data", Base64.getEncoder().encodeToString(record.data()));
        }
        JsonNode answer = json.readTree(functions.invoke(functionArn, json.writeValueAsBytes(event)));
        JsonNode results = answer == null ? null : answer.get("records");
        if (results == null || !results.isArray()) {
            throw new IOException("pre-processing function " + functionArn + " answered without a records array");
        }
        Set<String> seen = new HashSet<>();
        List<Processed> chunkOk = new ArrayList<>();
        List<SourceRecord> chunkFailed = new ArrayList<>();
        for (JsonNode item : results) {
            String id = item.path("recordId").asText(null);
            SourceRecord original = id == null ? null : sent.get(id);
            if (original == null || !seen.add(id)) {
                throw new IOException("pre-processing function " + functionArn + " answered record id " + id
                        + ", which was not sent or came twice");
            }
            switch (item.path("result").asText("")) {
                case "Ok" -> chunkOk.add(new Processed(original, decode(item)));
                case "Dropped" -> { }
                case "ProcessingFailed" -> chunkFailed.add(original);
                default -> throw new IOException("pre-processing function " + functionArn + " answered result '"
                        + item.path("result").asText("") + "' for record " + id);
            }
        }
        if (seen.size() != sent.size()) {
            throw new IOException("pre-processing function " + functionArn + " left out "
                    + (sent.size() - seen.size()) + " of the record ids sent");
        }
        // in the order the records were read, whatever order the answer has
        Map<SourceRecord, Integer> order = new java.util.IdentityHashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            order.put(chunk.get(i), i);
        }
        chunkOk.sort(java.util.Comparator.comparingInt(p -> order.get(p.source())));
        ok.addAll(chunkOk);
        failed.addAll(chunkFailed);
    }

    private byte[] decode(JsonNode item) throws IOException {
        try {
            return Base64.getDecoder().decode(item.path("data").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IOException("pre-processing function " + functionArn + " answered data that is not base64");
        }
    }
}
