package io.sluice.firehose.processing;

import java.util.List;

/** What one processing stage made of its input: the records that go on, and those that failed. */
public record StageResult(List<ProcessedRecord> records, List<FailedRecord> failed) {

    public StageResult {
        records = List.copyOf(records);
        failed = List.copyOf(failed);
    }

    public static StageResult ok(List<ProcessedRecord> records) {
        return new StageResult(records, List.of());
    }
}
