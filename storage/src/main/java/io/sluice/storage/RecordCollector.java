package io.sluice.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the records of one read within its limits: at most {@code maxRecords} records, and no record that would
 * take the total of data bytes past {@code maxBytes}, except that the first record is always taken. Confined to
 * the reading thread.
 */
final class RecordCollector {

    private final int maxRecords;
    private final long maxBytes;
    private final List<StoredRecord> records = new ArrayList<>();
    private long bytes;
    private boolean full;

    RecordCollector(int maxRecords, long maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    boolean isFull() {
        return full || records.size() >= maxRecords;
    }

    /** Whether a record with this many data bytes may be added; once one may not, the collector is full. */
    boolean fits(int dataBytes) {
        if (!records.isEmpty() && bytes + dataBytes > maxBytes) {
            full = true;
        }
        return !full;
    }

    void add(StoredRecord record) {
        records.add(record);
        bytes += record.data().length;
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    List<StoredRecord> records() {
        return records;
    }

    /** The offset after the last record taken, or {@code start} if none was. */
    long nextOffset(long start) {
        return records.isEmpty() ? start : records.getLast().offset() + 1;
    }
}
