package io.sluice.mappings.poll;

import io.sluice.engine.ReadRecord;

/**
 * A record read from a shard and not yet done: batched, invoked, filtered out or discarded. Its shard keeps it in
 * read order until every record before it is done too, which is what moves the shard's checkpoint.
 *
 * <p><b>Threading</b>: confined to the mapping's task thread.
 */
final class PendingRecord {

    final ReadRecord record;
    final String sequenceNumber;
    /** Its share of an event's payload, in bytes. */
    final int eventBytes;
    /** When the poller read it, epoch millis: a batching window starts at its first record's read. */
    final long readAt;
    boolean done;

    PendingRecord(ReadRecord record, int eventBytes, long readAt) {
        this.record = record;
        this.sequenceNumber = record.sequenceNumber().format();
        this.eventBytes = eventBytes;
        this.readAt = readAt;
    }

    long arrivalMillis() {
        return record.arrivalMillis();
    }
}
