package io.sluice.firehose.delivery.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.Batch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The error record of a document that could not be indexed, one JSON line in AWS's format for OpenSearch and
 * Elasticsearch destinations: {@code attemptsMade, arrivalTimestamp, errorCode} (the item's HTTP status, or the
 * whole request's error code), {@code errorMessage} (the item's error object as JSON, or the request's message),
 * {@code attemptEndingTimestamp, esDocumentId, esIndexName, esTypeName, rawData} (base64). Immutable.
 */
record FailedDocument(BulkDocument document, long arrivalMillis, byte[] rawData, String errorCode,
                      String errorMessage, int attemptsMade, long attemptEndingMillis) {

    private static final ObjectMapper JSON = new ObjectMapper();

    Batch.Entry toEntry() {
        ObjectNode node = JSON.createObjectNode()
                .put("attemptsMade", attemptsMade)
                .put("arrivalTimestamp", arrivalMillis)
                .put("errorCode", errorCode)
                .put("errorMessage", errorMessage)
                .put("attemptEndingTimestamp", attemptEndingMillis)
                .put("esDocumentId", document.id())
                .put("esIndexName", document.index())
                .put("esTypeName", document.type())
                .put("rawData", Base64.getEncoder().encodeToString(rawData));
        return new Batch.Entry((node + "\n").getBytes(StandardCharsets.UTF_8), arrivalMillis);
    }
}
