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
 * transformation failures. Records that format conversion failed have their own form ({@link #encodeConversion}).
 * Thread-safe.
 */
public final class ErrorRecords {

    private final ObjectMapper json = new ObjectMapper();

    /**
     * A format conversion failure as AWS writes it: {@code attemptsMade, arrivalTimestamp, lastErrorCode,
     * lastErrorMessage, attemptEndingTimestamp, rawData} and the {@code dataCatalogTable} converted into.
     */
    public byte[] encodeConversion(FailedRecord record, CatalogTable table) {
        ObjectNode node = json.createObjectNode()
                .put("attemptsMade", record.attemptsMade())
                .put("arrivalTimestamp", record.arrivalMillis())
                .put("lastErrorCode", record.errorCode())
                .put("lastErrorMessage", record.errorMessage())
                .put("attemptEndingTimestamp", record.attemptEndingMillis())
                .put("rawData", Base64.getEncoder().encodeToString(record.rawData()));
        node.putObject("dataCatalogTable").put("catalogId", table.catalogId())
                .put("databaseName", table.databaseName()).put("tableName", table.tableName())
                .put("region", table.region()).put("versionId", table.versionId())
                .put("catalogArn", table.catalogArn());
        return line(node);
    }

    /** The table of a conversion error record, with the catalog's account and region filled in. */
    public record CatalogTable(String catalogId, String databaseName, String tableName, String region,
                               String versionId) {

        public String catalogArn() {
            return "arn:aws:glue:" + region + ":" + catalogId + ":catalog";
        }
    }

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
        return line(node);
    }

    private byte[] line(ObjectNode node) {
        try {
            return (json.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a tree of strings and numbers always encodes", e);
        }
    }
}
