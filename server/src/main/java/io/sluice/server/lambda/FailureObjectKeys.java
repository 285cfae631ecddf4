package io.sluice.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The object key Lambda gives an invocation record in an S3 on-failure destination:
 * {@code aws/lambda/<mapping UUID>/<shard id>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<random UUID>}, the time being the
 * record's {@code timestamp} (UTC). Without the mapping's UUID, the function's name stands in for it. Stateless.
 */
final class FailureObjectKeys {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss")
            .withZone(ZoneOffset.UTC);

    private FailureObjectKeys() {
    }

    static String key(String mappingUuid, JsonNode record, long nowMillis) {
        String owner = mappingUuid != null ? mappingUuid : functionName(record);
        String shard = record.path("KinesisBatchInfo").path("shardId").asText("");
        Instant time = time(record, nowMillis);
        return "aws/lambda/" + owner + "/" + (shard.isEmpty() ? "unknown-shard" : shard) + "/" + DAY.format(time)
                + "/" + TIME.format(time) + "-" + UUID.randomUUID();
    }

    private static String functionName(JsonNode record) {
        String arn = record.path("requestContext").path("functionArn").asText("");
        int colon = arn.lastIndexOf(":function:");
        String name = colon < 0 ? arn : arn.substring(colon + ":function:".length());
        return name.isEmpty() ? "unknown-mapping" : name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Instant time(JsonNode record, long nowMillis) {
        String timestamp = record.path("timestamp").asText("");
        try {
            return timestamp.isEmpty() ? Instant.ofEpochMilli(nowMillis) : Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return Instant.ofEpochMilli(nowMillis);
        }
    }
}
