package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class LambdaTransformTest {

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> events = new ArrayList<>();
    private static final LambdaTransform.Target TARGET = new LambdaTransform.Target("http://fn",
            "arn:aws:firehose:us-east-1:000000000000:deliverystream/s", null, "us-east-1");

    /** A function that answers each record with what {@code decide} says: result and new data. */
    private FunctionInvoker function(Function<String, String[]> decide) {
        return (fn, event) -> {
            JsonNode in = json.readTree(event);
            events.add(in);
            ObjectNode out = json.createObjectNode();
            ArrayNode records = out.putArray("records");
            for (JsonNode record : in.get("records")) {
                String data = new String(Base64.getDecoder().decode(record.get("data").asText()),
                        StandardCharsets.UTF_8);
                String[] decision = decide.apply(data);
                ObjectNode item = records.addObject().put("recordId", record.get("recordId").asText())
                        .put("result", decision[0])
                        .put("data", Base64.getEncoder().encodeToString(decision[1].getBytes(StandardCharsets.UTF_8)));
                if (decision.length > 2) {
                    item.putObject("metadata").putObject("partitionKeys").put("k", decision[2]);
                }
            }
            return json.writeValueAsBytes(out);
        };
    }

    private static List<ProcessedRecord> records(String... data) {
        List<ProcessedRecord> out = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            out.add(new ProcessedRecord(i, Integer.toString(i), 1000 + i, data[i].getBytes(StandardCharsets.UTF_8),
                    Map.of(), null));
        }
        return out;
    }

    @Test
    void okRecordsAreTransformedDroppedOnesVanishAndFailedOnesAreReported() {
        LambdaTransform transform = new LambdaTransform(function(d -> switch (d) {
            case "keep" -> new String[]{"Ok", "KEPT", "p1"};
            case "drop" -> new String[]{"Dropped", ""};
            default -> new String[]{"ProcessingFailed", d};
        }), TARGET, 3, 1 << 20, () -> 42);

        StageResult result = transform.apply(records("keep", "drop", "bad"));

        assertThat(result.records()).singleElement().satisfies(r -> {
            assertThat(new String(r.data(), StandardCharsets.UTF_8)).isEqualTo("KEPT");
            assertThat(r.partitionKeys()).containsEntry(ProcessedRecord.FROM_LAMBDA + "k", "p1");
        });
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.errorCode()).isEqualTo("Lambda.ProcessingFailed");
            assertThat(new String(f.rawData(), StandardCharsets.UTF_8)).isEqualTo("bad");
            assertThat(f.lambdaArn()).isEqualTo("http://fn");
        });
        JsonNode event = events.getFirst();
        assertThat(event.get("deliveryStreamArn").asText()).isEqualTo(TARGET.deliveryStreamArn());
        assertThat(event.get("region").asText()).isEqualTo("us-east-1");
        assertThat(event.get("invocationId").asText()).isNotBlank();
        assertThat(event.get("records").get(0).get("approximateArrivalTimestamp").asLong()).isEqualTo(1000);
    }

    @Test
    void recordsGoInChunksOfAtMostTheBufferSize() {
        LambdaTransform transform = new LambdaTransform(function(d -> new String[]{"Ok", d}), TARGET, 0, 10,
                () -> 0);
        StageResult result = transform.apply(records("123456", "123456", "1"));
        assertThat(result.records()).hasSize(3);
        assertThat(events).hasSize(2);
    }

    @Test
    void aFailingFunctionIsRetriedThenEveryRecordFails() {
        AtomicInteger calls = new AtomicInteger();
        LambdaTransform transform = new LambdaTransform((fn, event) -> {
            calls.incrementAndGet();
            throw new IOException("connection refused");
        }, TARGET, 2, 1 << 20, () -> 0);

        StageResult result = transform.apply(records("a", "b"));

        assertThat(calls).hasValue(3);
        assertThat(result.records()).isEmpty();
        assertThat(result.failed()).hasSize(2).allSatisfy(f -> {
            assertThat(f.errorCode()).isEqualTo("Lambda.InvokeFailed");
            assertThat(f.attemptsMade()).isEqualTo(3);
        });
    }

    @Test
    void anAnswerWithoutEveryRecordIdFailsTheInvocation() {
        LambdaTransform transform = new LambdaTransform((fn, event) ->
                "{\"records\":[{\"recordId\":\"0\",\"result\":\"Ok\",\"data\":\"\"}]}".getBytes(), TARGET, 0,
                1 << 20, () -> 0);
        StageResult result = transform.apply(records("a", "b"));
        assertThat(result.failed()).hasSize(2).allMatch(f -> f.errorCode().equals("Lambda.MissingRecordId"));
    }

    @Test
    void aFunctionErrorIsReportedAsSuch() {
        LambdaTransform transform = new LambdaTransform((fn, event) -> {
            throw new FunctionInvoker.FunctionException("boom");
        }, TARGET, 0, 1 << 20, () -> 0);
        StageResult result = transform.apply(records("a"));
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.errorCode()).isEqualTo("Lambda.FunctionError");
            assertThat(f.errorMessage()).isEqualTo("boom");
        });
    }
}
