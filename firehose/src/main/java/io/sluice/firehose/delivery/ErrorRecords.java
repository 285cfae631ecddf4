package io.sluice.firehose.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.processing.FailedRecord;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The error records Firehose writes to the S3 error output, one JSON object per line: {@code attemptsMade,
 * arrivalTimestamp, errorCode, errorMessage, attemptEndingTimestamp, rawData} (base64), and {@code lambdaArn} for
 * transformation failures. Thread-safe.
 */
public final class ErrorRecords {

    private final ObjectMapper json = new ObjectMapper();

    public byte[] encode(FailedRecord record) {
        ObjectNode node = json.createObjectNode()
                .put("attemptsMade", record.attemptsMade())
                .put("arrivalTimestamp", record.arrivalMillis())
                .put("errorCode", record.errorCode())
                .put("errorMessage", record.errorMessage())
                .put("attemptEndingTimestamp", record.attemptEndingMillis())
                .put("rawData", Base64.getEncoder().encodeToString(record.rawData()));
        if (record.lambdaArn() != null) {
            node.put("lambdaArn", record.lambdaArn());
        }
        try {
            return (json.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a tree of strings and numbers always encodes", e);
        }
    }
}
