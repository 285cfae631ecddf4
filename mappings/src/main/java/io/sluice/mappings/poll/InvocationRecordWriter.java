package io.sluice.mappings.poll;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.mappings.invoke.LambdaInvoker.Invocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Writes the invocation record Lambda sends to a mapping's on-failure destination when it discards a batch:
 * {@code requestContext{requestId, functionArn, condition, approximateInvokeCount}}, {@code responseContext
 * {statusCode, executedVersion, functionError}} (when the function answered at all), {@code version "1.0"},
 * {@code timestamp}, and {@code KinesisBatchInfo{shardId, startSequenceNumber, endSequenceNumber,
 * approximateArrivalOfFirstRecord, approximateArrivalOfLastRecord, batchSize, streamArn}}: the records themselves
 * are not included, only where to find them.
 *
 * <p><b>Threading</b>: stateless.
 */
final class InvocationRecordWriter {

    /** Why a batch was discarded, with Lambda's names. */
    enum Condition {
        RetryAttemptsExhausted, RecordAgeExceeded, MaximumPayloadSizeExceeded
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private InvocationRecordWriter() {
    }

    /**
     * @param last the function's last answer for the batch, or null if it never answered
     */
    static byte[] write(String functionArn, Condition condition, int invokeCount, Invocation last, long nowMillis,
                        String shardId, List<PendingRecord> batch, String streamArn) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(768);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeObjectFieldStart("requestContext");
            out.writeStringField("requestId", UUID.randomUUID().toString());
            out.writeStringField("functionArn", functionArn);
            out.writeStringField("condition", condition.name());
            out.writeNumberField("approximateInvokeCount", invokeCount);
            out.writeEndObject();
            if (last != null) {
                out.writeObjectFieldStart("responseContext");
                out.writeNumberField("statusCode", last.status());
                out.writeStringField("executedVersion", "$LATEST");
                if (last.functionError() != null) {
                    out.writeStringField("functionError", last.functionError());
                }
                out.writeEndObject();
            }
            out.writeStringField("version", "1.0");
            out.writeStringField("timestamp", TIME.format(Instant.ofEpochMilli(nowMillis)));
            out.writeObjectFieldStart("KinesisBatchInfo");
            out.writeStringField("shardId", shardId);
            if (!batch.isEmpty()) {
                out.writeStringField("startSequenceNumber", batch.getFirst().sequenceNumber);
                out.writeStringField("endSequenceNumber", batch.getLast().sequenceNumber);
                out.writeStringField("approximateArrivalOfFirstRecord",
                        TIME.format(Instant.ofEpochMilli(batch.getFirst().arrivalMillis())));
                out.writeStringField("approximateArrivalOfLastRecord",
                        TIME.format(Instant.ofEpochMilli(batch.getLast().arrivalMillis())));
            }
            out.writeNumberField("batchSize", batch.size());
            out.writeStringField("streamArn", streamArn);
            out.writeEndObject();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
