package io.sluice.storage;

import java.util.List;

/**
 * The outcome of {@link ShardLog#read}: the records read, in offset order, and where the next read should start
 * (the offset after the last returned record, or the clamped start offset when nothing was returned). Immutable.
 */
public record ReadResult(List<StoredRecord> records, long nextOffset) {

    public ReadResult {
        records = List.copyOf(records);
    }
}
