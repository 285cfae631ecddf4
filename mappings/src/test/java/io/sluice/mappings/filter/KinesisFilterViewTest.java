package io.sluice.mappings.filter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.sluice.mappings.filter.FilterTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

class KinesisFilterViewTest {

    private static final String ORDER = "{\"record\": 12345, \"order\": {\"type\": \"buy\", \"stock\": \"ANYCO\","
            + " \"quantity\": 1000}}";

    /** Lambda's documented record shape, for the data given. */
    private static ObjectNode eventRecord(byte[] data) {
        return (ObjectNode) json("""
                {"kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "1",
                  "sequenceNumber": "49590338271490256608559692538361571095921575989136588898",
                  "data": "%s", "approximateArrivalTimestamp": 1545084650.987},
                 "eventSource": "aws:kinesis", "eventVersion": "1.0",
                 "eventID": "shardId-000000000006:49590338271490256608559692538361571095921575989136588898",
                 "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
                 "awsRegion": "us-east-2", "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/s"}
                """.formatted(Base64.getEncoder().encodeToString(data)));
    }

    private static boolean passes(String pattern, String data) throws InvalidFilterException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        return FilterPatterns.compile(List.of(pattern)).matches(KinesisFilterView.of(eventRecord(bytes), bytes));
    }

    @Test
    void lambdasDocumentedDataPatternMatchesTheDecodedJson() throws InvalidFilterException {
        assertThat(passes("{\"data\": {\"order\": {\"type\": [\"buy\"]}}}", ORDER)).isTrue();
        assertThat(passes("{\"data\": {\"order\": {\"type\": [\"sell\"]}}}", ORDER)).isFalse();
        assertThat(passes("{\"data\": {\"order\": {\"quantity\": [{\"numeric\": [\">=\", 1000]}]}}}", ORDER)).isTrue();
    }

    @Test
    void metadataIsMatchedUnderKinesisAndAtTheTopLevel() throws InvalidFilterException {
        assertThat(passes("{\"kinesis\": {\"partitionKey\": [\"1\"]}, \"data\": {\"record\": [12345]}}", ORDER))
                .isTrue();
        assertThat(passes("{\"kinesis\": {\"partitionKey\": [\"2\"]}}", ORDER)).isFalse();
        assertThat(passes("{\"eventID\": [{\"prefix\": \"shardId-000000000006:\"}]}", ORDER)).isTrue();
        assertThat(passes("{\"kinesis\": {\"approximateArrivalTimestamp\": [{\"numeric\": [\">\", 1545084650]}]}}",
                ORDER)).isTrue();
    }

    @Test
    void theBase64TextIsNotMatchable() throws InvalidFilterException {
        assertThat(passes("{\"kinesis\": {\"data\": [{\"exists\": true}]}}", ORDER)).isFalse();
    }

    @Test
    void dataThatIsNotJsonNeverMatchesAPatternOnData() throws InvalidFilterException {
        assertThat(passes("{\"data\": {\"order\": [{\"exists\": false}]}}", "plain text")).isFalse();
        assertThat(passes("{\"data\": {\"order\": [{\"exists\": false}]}}", "{\"x\": 1}")).isTrue();
        assertThat(passes("{\"data\": {\"a\": [1]}}", "{\"a\": 1} and more")).isFalse();
        assertThat(passes("{\"data\": {\"a\": [1]}}", "")).isFalse();
    }

    @Test
    void dataThatIsNotJsonStillMatchesMetadataPatterns() throws InvalidFilterException {
        assertThat(passes("{\"kinesis\": {\"partitionKey\": [\"1\"]}}", "plain text")).isTrue();
        assertThat(passes("{\"$or\": [{\"data\": {\"a\": [1]}}, {\"kinesis\": {\"partitionKey\": [\"1\"]}}]}",
                "plain text")).isTrue();
    }

    @Test
    void theViewLeavesTheEventRecordUntouched() {
        byte[] bytes = ORDER.getBytes(StandardCharsets.UTF_8);
        ObjectNode record = eventRecord(bytes);
        ObjectNode copy = record.deepCopy();
        ObjectNode view = KinesisFilterView.of(record, bytes);
        assertThat(record).isEqualTo(copy);
        assertThat(view.path("kinesis").has("data")).isFalse();
        assertThat(view.path("data").path("order").path("stock").asText()).isEqualTo("ANYCO");
        assertThat(view.path("kinesis").path("partitionKey").asText()).isEqualTo("1");
    }

    @Test
    void jsonScalarsAndUtf16DataAreJson() throws InvalidFilterException {
        byte[] utf16 = ORDER.getBytes(StandardCharsets.UTF_16BE);
        ObjectNode view = KinesisFilterView.of(eventRecord(utf16), utf16);
        assertThat(view.path("data").path("record").asInt()).isEqualTo(12345);
        assertThat(KinesisFilterView.of(eventRecord(new byte[0]), "42".getBytes(StandardCharsets.UTF_8))
                .path("data").asInt()).isEqualTo(42);
    }
}
