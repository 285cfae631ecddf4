package io.sluice.mappings.filter;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Builds the record an {@link EventFilter} sees for one Kinesis record: the event record exactly as Lambda puts it
 * in the function's {@code Records} list, except that {@code kinesis.data} is taken out and the record's data,
 * parsed as JSON, is added at the top level as {@code data}:
 * <pre>{@code
 * {
 *   "kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "1", "sequenceNumber": "4959...",
 *               "approximateArrivalTimestamp": 1545084650.987},
 *   "data": {"order": {"type": "buy", "quantity": 1000}},
 *   "eventSource": "aws:kinesis", "eventVersion": "1.0", "eventID": "shardId-000000000006:4959...",
 *   "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::...", "awsRegion": "us-east-2",
 *   "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream"
 * }
 * }</pre>
 * So {@code {"data": {"order": {"type": ["buy"]}}}} (Lambda's documented form) filters on content and
 * {@code {"kinesis": {"partitionKey": ["1"]}}} on metadata. Data that is not one valid JSON value (UTF-8, 16 or 32)
 * leaves {@code data} out, and then no pattern on {@code data} matches, as Lambda drops such records. Stateless
 * and thread-safe.
 */
public final class KinesisFilterView {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private KinesisFilterView() {
    }

    /**
     * @param eventRecord the record as sent to the function (not modified)
     * @param data        the record's data, as stored (not base64)
     */
    public static ObjectNode of(ObjectNode eventRecord, byte[] data) {
        ObjectNode view = eventRecord.deepCopy();
        if (view.get("kinesis") instanceof ObjectNode kinesis) {
            kinesis.remove("data");
        }
        view.remove(PatternParser.DATA_FIELD);
        JsonNode parsed = parse(data);
        if (parsed != null) {
            view.set(PatternParser.DATA_FIELD, parsed);
        }
        return view;
    }

    private static JsonNode parse(byte[] data) {
        try {
            JsonNode parsed = JSON.readTree(data);
            return parsed.isMissingNode() ? null : parsed;
        } catch (IOException notJson) {
            return null;
        }
    }
}
