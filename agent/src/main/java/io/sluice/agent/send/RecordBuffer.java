package io.sluice.agent.send;

import io.sluice.agent.tail.TailedRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * A flow's records gathered until one of agent.json's bounds is reached: {@code maxBufferSizeRecords} records,
 * {@code maxBufferSizeBytes} bytes, or {@code maxBufferAgeMillis} since the first record came in. Owned by the
 * flow's reader thread; not thread-safe.
 */
public final class RecordBuffer {

    private final int maxRecords;
    private final long maxBytes;
    private final long maxAgeMillis;
    private List<TailedRecord> records = new ArrayList<>();
    private long bytes;
    private long firstAddedAt;

    public RecordBuffer(int maxRecords, long maxBytes, long maxAgeMillis) {
        this.maxRecords = Math.max(1, maxRecords);
        this.maxBytes = Math.max(1, maxBytes);
        this.maxAgeMillis = maxAgeMillis;
    }

    /** Whether {@code record} would take the buffer over its byte bound (it should be flushed first). */
    public boolean wouldOverflow(TailedRecord record) {
        return !records.isEmpty() && bytes + record.data().length > maxBytes;
    }

    public void add(TailedRecord record, long nowMillis) {
        if (records.isEmpty()) {
            firstAddedAt = nowMillis;
        }
        records.add(record);
        bytes += record.data().length;
    }

    /** Whether the buffer reached its record or byte bound. */
    public boolean full() {
        return records.size() >= maxRecords || bytes >= maxBytes;
    }

    /** Whether the buffer's first record has waited {@code maxBufferAgeMillis}. */
    public boolean due(long nowMillis) {
        return !records.isEmpty() && nowMillis - firstAddedAt >= maxAgeMillis;
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    public int size() {
        return records.size();
    }

    /** How many more records the buffer takes before it is full by count. */
    public int room() {
        return Math.max(0, maxRecords - records.size());
    }

    /** The buffered records, in read order; the buffer is empty afterwards. */
    public List<TailedRecord> drain() {
        List<TailedRecord> drained = records;
        records = new ArrayList<>();
        bytes = 0;
        return drained;
    }
}
