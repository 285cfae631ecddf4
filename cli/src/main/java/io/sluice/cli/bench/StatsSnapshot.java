package io.sluice.cli.bench;

/**
 * The counters of a run at one instant. Producer side: put calls, records acknowledged (and their data bytes),
 * records refused as throttled, calls that failed and records lost with them or refused with another error.
 * Consumer side: reads (GetRecords answers or fan-out events) and the failed or throttled ones, every record
 * read (and its bytes), the distinct records of this run among them, and records of this run read twice.
 */
record StatsSnapshot(long nanos, long putCalls, long acked, long ackedBytes, long throttled, long failedPutCalls,
                     long failedRecords, long readCalls, long failedReads, long throttledReads, long read,
                     long readBytes, long runRecordsRead, long duplicates) {

    static StatsSnapshot zero(long nanos) {
        return new StatsSnapshot(nanos, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The counts between {@code earlier} and this snapshot, at this snapshot's time. */
    StatsSnapshot minus(StatsSnapshot earlier) {
        return new StatsSnapshot(nanos, putCalls - earlier.putCalls, acked - earlier.acked,
                ackedBytes - earlier.ackedBytes, throttled - earlier.throttled, failedPutCalls - earlier.failedPutCalls,
                failedRecords - earlier.failedRecords, readCalls - earlier.readCalls, failedReads - earlier.failedReads,
                throttledReads - earlier.throttledReads, read - earlier.read, readBytes - earlier.readBytes,
                runRecordsRead - earlier.runRecordsRead, duplicates - earlier.duplicates);
    }

    long errors() {
        return failedPutCalls + failedReads;
    }
}
