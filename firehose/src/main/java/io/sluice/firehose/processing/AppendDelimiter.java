package io.sluice.firehose.processing;

import java.util.ArrayList;
import java.util.List;

/**
 * The AppendDelimiterToRecord processor: adds the delimiter (a newline unless the {@code Delimiter} parameter gives
 * another, base64-encoded) after each record, since Firehose otherwise concatenates records with nothing between
 * them. Thread-safe.
 */
public final class AppendDelimiter implements ProcessingStage {

    private final byte[] delimiter;

    public AppendDelimiter(byte[] delimiter) {
        this.delimiter = delimiter.clone();
    }

    @Override
    public StageResult apply(List<ProcessedRecord> records) {
        List<ProcessedRecord> out = new ArrayList<>(records.size());
        for (ProcessedRecord record : records) {
            byte[] data = new byte[record.data().length + delimiter.length];
            System.arraycopy(record.data(), 0, data, 0, record.data().length);
            System.arraycopy(delimiter, 0, data, record.data().length, delimiter.length);
            out.add(record.withData(data));
        }
        return StageResult.ok(out);
    }
}
