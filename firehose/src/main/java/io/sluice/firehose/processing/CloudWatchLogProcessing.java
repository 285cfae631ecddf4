package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.Clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The CloudWatchLogProcessing processor with DataMessageExtraction: a decompressed CloudWatch Logs subscription
 * payload ({@code {"messageType":"DATA_MESSAGE", ..., "logEvents":[{"id", "timestamp", "message"}, ...]}}) becomes
 * one record per log event holding the event's {@code message} followed by a newline, as AWS documents, so that
 * the destination receives the log lines themselves. A payload that is not such JSON fails with {@link #FAILED_CODE}
 * (to {@code processing-failed/}). Runs after {@link Decompression}, which has dropped control messages. Thread-safe:
 * holds only its settings.
 */
public final class CloudWatchLogProcessing implements ProcessingStage {

    public static final String FAILED_CODE = "CloudWatchLogProcessing.InvalidPayload";
    private static final byte[] NEWLINE = {'\n'};

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    public CloudWatchLogProcessing(Clock clock) {
        this.clock = clock;
    }

    @Override
    public StageResult apply(List<ProcessedRecord> records) {
        List<ProcessedRecord> out = new ArrayList<>(records.size());
        List<FailedRecord> failed = new ArrayList<>();
        for (ProcessedRecord record : records) {
            try {
                List<byte[]> messages = messages(record.data());
                for (int i = 0; i < messages.size(); i++) {
                    out.add(record.part(i, messages.get(i)));
                }
            } catch (IOException e) {
                failed.add(FailedRecord.of(record, FAILED_CODE, "The record is not a CloudWatch Logs subscription "
                        + "payload: " + e.getMessage(), 1, clock.millis(), null));
            }
        }
        return new StageResult(out, failed);
    }

    private List<byte[]> messages(byte[] data) throws IOException {
        JsonNode root = json.readTree(data);
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        JsonNode events = root.get("logEvents");
        if (events == null || !events.isArray()) {
            throw new IOException("it has no logEvents array");
        }
        List<byte[]> messages = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            JsonNode message = event.get("message");
            if (message == null || !message.isTextual()) {
                throw new IOException("a log event has no message");
            }
            byte[] text = message.asText().getBytes(StandardCharsets.UTF_8);
            byte[] line = new byte[text.length + NEWLINE.length];
            System.arraycopy(text, 0, line, 0, text.length);
            System.arraycopy(NEWLINE, 0, line, text.length, NEWLINE.length);
            messages.add(line);
        }
        return messages;
    }
}
