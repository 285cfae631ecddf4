package io.sluice.firehose;

import java.util.List;

/**
 * Sees the records a delivery stream accepts (PutRecord, PutRecordBatch), for the analytics applications that
 * read the delivery stream as their source. Called on the thread that completes the put, after the records are
 * durable in the stream's buffer and before the caller is answered; it must not block. A tap sees only records
 * accepted while it is registered: nothing is replayed.
 */
@FunctionalInterface
public interface RecordTap {

    /** @param arrivalMillis when the put arrived (the records' approximate arrival time) */
    void accepted(List<byte[]> records, long arrivalMillis);
}
