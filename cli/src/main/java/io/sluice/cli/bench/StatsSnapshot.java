package io.sluice.cli.bench;

/**
 * The counters of a run at one instant. Producer side: put calls, records acknowledged (and their data bytes),
 * records refused as throttled, calls that failed and records lost with them or refused with another error.
 * Consumer side: GetRecords calls, every record read (and its bytes), the distinct records of this run among
 * them, and records of this run read twice.
 */
record StatsSnapshot(long nanos, long putCalls, long acked, long ackedBytes, long throttled, long failedPutCalls,
                     long failedRecords, long getCalls, long failedGetCalls, long readThrottles, long read,
                     long readBytes, long runRecordsRead, long duplicates) {

    static StatsSnapshot zero(long nanos) {
        return new StatsSnapshot(nanos, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    long errors() {
        return failedPutCalls + failedGetCalls;
    }
}
