package io.sluice.firehose.processing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeaggregationTest {

    private static ProcessedRecord record(long offset, byte[] data) {
        return new ProcessedRecord(offset, Long.toString(offset), 1000, data, Map.of(), null);
    }

    private static List<String> texts(StageResult result) {
        return result.records().stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aKplAggregateBecomesItsUserRecordsWithNumberedIds() throws Exception {
        byte[] aggregate = KplAggregates.aggregate(List.of("a", "b"), List.of("x".getBytes(), "yy".getBytes(),
                "zzz".getBytes()));
        StageResult result = new Deaggregation(Deaggregation.SubRecordType.NONE, new byte[0], () -> 0)
                .apply(List.of(record(7, aggregate)));
        assertThat(texts(result)).containsExactly("x", "yy", "zzz");
        assertThat(result.records()).extracting(ProcessedRecord::recordId).containsExactly("7.0", "7.1", "7.2");
        assertThat(result.records()).allMatch(r -> r.sourceOffset() == 7);
    }

    @Test
    void aRecordThatOnlyLooksAggregatedPassesUnchanged() throws Exception {
        byte[] aggregate = KplAggregates.aggregate(List.of("a"), List.of("x".getBytes()));
        aggregate[aggregate.length - 1] ^= 1; // the MD5 no longer checks out
        StageResult result = new Deaggregation(Deaggregation.SubRecordType.NONE, new byte[0], () -> 0)
                .apply(List.of(record(1, aggregate)));
        assertThat(result.records()).singleElement().satisfies(r -> assertThat(r.data()).isEqualTo(aggregate));
    }

    @Test
    void concatenatedJsonIsSplitIntoOneRecordPerObject() {
        StageResult result = new Deaggregation(Deaggregation.SubRecordType.JSON, new byte[0], () -> 0)
                .apply(List.of(record(1, "{\"a\":1}{\"b\":[2]} {\"c\":\"}\"}".getBytes(StandardCharsets.UTF_8))));
        assertThat(texts(result)).containsExactly("{\"a\":1}", "{\"b\":[2]}", "{\"c\":\"}\"}");
    }

    @Test
    void invalidJsonFailsTheRecord() {
        StageResult result = new Deaggregation(Deaggregation.SubRecordType.JSON, new byte[0], () -> 5)
                .apply(List.of(record(1, "{\"a\":".getBytes(StandardCharsets.UTF_8))));
        assertThat(result.records()).isEmpty();
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.errorCode()).isEqualTo("DeAggregation.InvalidJson");
            assertThat(f.attemptEndingMillis()).isEqualTo(5);
        });
    }

    @Test
    void delimitedRecordsAreSplitAtTheDelimiter() {
        StageResult result = new Deaggregation(Deaggregation.SubRecordType.DELIMITED, "||".getBytes(), () -> 0)
                .apply(List.of(record(1, "a||bb||c".getBytes(StandardCharsets.UTF_8))));
        assertThat(texts(result)).containsExactly("a", "bb", "c");
    }

    @Test
    void appendDelimiterAddsItAfterEveryRecord() {
        StageResult result = new AppendDelimiter("\n".getBytes()).apply(List.of(record(1, "a".getBytes()),
                record(2, "b".getBytes())));
        assertThat(texts(result)).containsExactly("a\n", "b\n");
        assertThat(Arrays.equals(result.records().getFirst().data(), "a\n".getBytes())).isTrue();
    }
}
