package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.Clock;
import io.sluice.firehose.buffer.KinesisRecordMetadata;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Lambda processor: the Firehose data transformation contract, over a {@link FunctionInvoker}.
 *
 * <p>Records go in chunks of at most {@code maxChunkBytes} of data as the event {@code {invocationId,
 * deliveryStreamArn, [sourceKinesisStreamArn], region, records:[{recordId, approximateArrivalTimestamp, data,
 * [kinesisRecordMetadata]}]}}. The answer must hold {@code records:[{recordId, result, data, [metadata:
 * {partitionKeys}]}]} with exactly the ids sent: {@code Ok} records go on with the returned data (and partition
 * keys), {@code Dropped} ones are gone, {@code ProcessingFailed} ones fail with {@code Lambda.ProcessingFailed}.
 * A failed invocation (unreachable, function error, malformed answer, wrong ids) is retried {@code retries}
 * times; then every record of the chunk fails with the last error. Thread-safe: holds only its settings.
 */
public final class LambdaTransform implements ProcessingStage {

    /** The settings of the event that do not change between invocations. */
    public record Target(String function, String deliveryStreamArn, String sourceStreamArn, String region) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final FunctionInvoker invoker;
    private final Target target;
    private final int retries;
    private final long maxChunkBytes;
    private final Clock clock;

    public LambdaTransform(FunctionInvoker invoker, Target target, int retries, long maxChunkBytes, Clock clock) {
        this.invoker = invoker;
        this.target = target;
        this.retries = retries;
        this.maxChunkBytes = maxChunkBytes;
        this.clock = clock;
    }

    @Override
    public StageResult apply(List<ProcessedRecord> records) {
        List<ProcessedRecord> out = new ArrayList<>(records.size());
        List<FailedRecord> failed = new ArrayList<>();
        int from = 0;
        while (from < records.size()) {
            int to = from;
            long bytes = 0;
            while (to < records.size() && (to == from || bytes + records.get(to).data().length <= maxChunkBytes)) {
                bytes += records.get(to).data().length;
                to++;
            }
            transform(records.subList(from, to), out, failed);
            from = to;
        }
        return new StageResult(out, failed);
    }

    private void transform(List<ProcessedRecord> chunk, List<ProcessedRecord> out, List<FailedRecord> failed) {
        String errorCode = null;
        String errorMessage = null;
        for (int attempt = 1; attempt <= retries + 1; attempt++) {
            try {
                byte[] answer = invoker.invoke(target.function(), event(chunk));
                apply(chunk, json.readTree(answer), out, failed, attempt);
                return;
            } catch (FunctionInvoker.FunctionException e) {
                errorCode = "Lambda.FunctionError";
                errorMessage = e.getMessage();
            } catch (InvalidAnswer e) {
                errorCode = e.code;
                errorMessage = e.getMessage();
            } catch (IOException e) {
                errorCode = e instanceof com.fasterxml.jackson.core.JacksonException
                        ? "Lambda.JsonProcessingException" : "Lambda.InvokeFailed";
                errorMessage = e.getMessage();
            }
        }
        long now = clock.millis();
        for (ProcessedRecord record : chunk) {
            failed.add(FailedRecord.of(record, errorCode, errorMessage, retries + 1, now, target.function()));
        }
    }

    private byte[] event(List<ProcessedRecord> chunk) throws IOException {
        ObjectNode event = json.createObjectNode()
                .put("invocationId", UUID.randomUUID().toString())
                .put("deliveryStreamArn", target.deliveryStreamArn());
        if (target.sourceStreamArn() != null) {
            event.put("sourceKinesisStreamArn", target.sourceStreamArn());
        }
        event.put("region", target.region());
        ArrayNode records = event.putArray("records");
        for (ProcessedRecord record : chunk) {
            ObjectNode item = records.addObject()
                    .put("recordId", record.recordId())
                    .put("approximateArrivalTimestamp", record.arrivalMillis())
                    .put("data", Base64.getEncoder().encodeToString(record.data()));
            KinesisRecordMetadata kinesis = record.kinesis();
            if (kinesis != null) {
                item.putObject("kinesisRecordMetadata")
                        .put("shardId", kinesis.shardId())
                        .put("partitionKey", kinesis.partitionKey())
                        .put("approximateArrivalTimestamp", kinesis.arrivalMillis())
                        .put("sequenceNumber", kinesis.sequenceNumber())
                        .put("subsequenceNumber", subsequence(record.recordId()));
            }
        }
        return json.writeValueAsBytes(event);
    }

    /** The position of a de-aggregated record within its aggregate ("" for a record that was not one). */
    private static String subsequence(String recordId) {
        int dot = recordId.indexOf('.');
        return dot < 0 ? "" : recordId.substring(dot + 1);
    }

    private void apply(List<ProcessedRecord> chunk, JsonNode answer, List<ProcessedRecord> out,
                       List<FailedRecord> failed, int attempts) throws InvalidAnswer {
        JsonNode records = answer == null ? null : answer.get("records");
        if (records == null || !records.isArray()) {
            throw new InvalidAnswer("Lambda.JsonProcessingException", "The answer has no records array.");
        }
        Map<String, ProcessedRecord> sent = new HashMap<>();
        chunk.forEach(r -> sent.put(r.recordId(), r));
        Set<String> seen = new HashSet<>();
        List<ProcessedRecord> ok = new ArrayList<>();
        List<FailedRecord> bad = new ArrayList<>();
        long now = clock.millis();
        for (JsonNode item : records) {
            String id = item.path("recordId").asText(null);
            ProcessedRecord original = id == null ? null : sent.get(id);
            if (original == null) {
                throw new InvalidAnswer("Lambda.MissingRecordId", "The answer has a record id that was not sent: "
                        + id);
            }
            if (!seen.add(id)) {
                throw new InvalidAnswer("Lambda.DuplicatedRecordId", "The answer repeats record id " + id);
            }
            String result = item.path("result").asText("");
            switch (result) {
                case "Ok" -> ok.add(transformed(original, item));
                case "Dropped" -> { }
                case "ProcessingFailed" -> bad.add(FailedRecord.of(original, "Lambda.ProcessingFailed",
                        "The function reported ProcessingFailed for the record.", attempts, now, target.function()));
                default -> throw new InvalidAnswer("Lambda.JsonProcessingException",
                        "Record " + id + " has result '" + result + "', not Ok, Dropped or ProcessingFailed.");
            }
        }
        if (seen.size() != sent.size()) {
            throw new InvalidAnswer("Lambda.MissingRecordId", "The answer lacks " + (sent.size() - seen.size())
                    + " of the record ids sent.");
        }
        out.addAll(ok);
        failed.addAll(bad);
    }

    private static ProcessedRecord transformed(ProcessedRecord original, JsonNode item) throws InvalidAnswer {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(item.path("data").asText(""));
        } catch (IllegalArgumentException e) {
            throw new InvalidAnswer("Lambda.JsonProcessingException", "Record " + original.recordId()
                    + " has data that is not base64.");
        }
        ProcessedRecord record = original.withData(data);
        JsonNode keys = item.path("metadata").path("partitionKeys");
        if (keys.isObject()) {
            Map<String, String> merged = new LinkedHashMap<>(record.partitionKeys());
            for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> key = it.next();
                merged.put(ProcessedRecord.FROM_LAMBDA + key.getKey(), key.getValue().asText());
            }
            record = record.withPartitionKeys(merged);
        }
        return record;
    }

    /** The function answered, but not with what the contract asks for. */
    private static final class InvalidAnswer extends Exception {
        final String code;

        InvalidAnswer(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
