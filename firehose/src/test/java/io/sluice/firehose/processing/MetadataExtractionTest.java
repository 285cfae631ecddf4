package io.sluice.firehose.processing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataExtractionTest {

    private static ProcessedRecord record(String json) {
        return new ProcessedRecord(3, "3", 0, json.getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    @Test
    void theQueryObjectBecomesThePartitionKeys() {
        StageResult result = new MetadataExtraction("{customer_id: .customer.id, kind: .type}", () -> 0)
                .apply(List.of(record("{\"customer\":{\"id\":42},\"type\":\"order\"}")));
        assertThat(result.records().getFirst().partitionKeys())
                .containsEntry(ProcessedRecord.FROM_QUERY + "customer_id", "42")
                .containsEntry(ProcessedRecord.FROM_QUERY + "kind", "order");
    }

    @Test
    void strftimeFormatsEpochSecondsAsJqDoes() {
        StageResult result = new MetadataExtraction("{year: .ts | strftime(\"%Y\"), day: .ts | strftime(\"%m-%d\")}",
                () -> 0).apply(List.of(record("{\"ts\":1700000000}")));
        assertThat(result.records().getFirst().partitionKeys())
                .containsEntry(ProcessedRecord.FROM_QUERY + "year", "2023")
                .containsEntry(ProcessedRecord.FROM_QUERY + "day", "11-14");
    }

    @Test
    void aRecordThatIsNotJsonFails() {
        StageResult result = new MetadataExtraction("{k: .k}", () -> 9).apply(List.of(record("not json")));
        assertThat(result.records()).isEmpty();
        assertThat(result.failed()).singleElement()
                .satisfies(f -> assertThat(f.errorCode()).isEqualTo("DynamicPartitioning.MetadataExtractionFailed"));
    }

    @Test
    void aKeyWhoseValueIsAnObjectFails() {
        StageResult result = new MetadataExtraction("{k: .k}", () -> 0).apply(List.of(record("{\"k\":{}}")));
        assertThat(result.failed()).hasSize(1);
    }

    @Test
    void aQueryThatDoesNotCompileIsRefused() {
        assertThatThrownBy(() -> new MetadataExtraction("{k: .k", () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
