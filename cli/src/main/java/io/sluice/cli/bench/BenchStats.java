package io.sluice.cli.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters and latencies of a run. Producers and consumers count from their event loops; the reporting
 * thread reads snapshots. Thread-safe: adders and HdrHistogram recorders, no locks on the counting path.
 *
 * <p>Throttling is an expected outcome, not an error: records refused with ProvisionedThroughputExceededException
 * (per record in PutRecords, or a PutRecord call) are counted apart from calls that failed.
 */
final class BenchStats {

    private final LongAdder putCalls = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder ackedBytes = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder failedPutCalls = new LongAdder();
    private final LongAdder failedRecords = new LongAdder();
    private final LongAdder readCalls = new LongAdder();
    private final LongAdder failedReads = new LongAdder();
    private final LongAdder throttledReads = new LongAdder();
    private final LongAdder read = new LongAdder();
    private final LongAdder readBytes = new LongAdder();
    private final LongAdder runRecordsRead = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final AtomicLong lastReadNanos = new AtomicLong(Long.MIN_VALUE);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LatencyRecorder putLatency = new LatencyRecorder();
    private final LatencyRecorder endToEnd = new LatencyRecorder();

    /** A put call answered with status 200; its latency counts. */
    void putAnswered(PutOutcome outcome, int recordSize, long latencyNanos) {
        putCalls.increment();
        acked.add(outcome.acked());
        ackedBytes.add((long) outcome.acked() * recordSize);
        throttled.add(outcome.throttled());
        failedRecords.add(outcome.failedCount());
        outcome.failed().forEach((code, count) -> error(code, count));
        putLatency.recordNanos(latencyNanos);
    }

    /** A put call answered with an error, or lost: all its records are refused. */
    void putRefused(ApiError error, int records) {
        putCalls.increment();
        if (error.throttled()) {
            throttled.add(records);
        } else {
            failedPutCalls.increment();
            failedRecords.add(records);
            error(error.type(), 1);
        }
    }

    /** A GetRecords answer or a fan-out event. */
    void readAnswered() {
        readCalls.increment();
    }

    /** A GetRecords call or a subscription that failed; throttling is counted apart. */
    void readRefused(ApiError error) {
        readCalls.increment();
        if (error.throttled()) {
            throttledReads.increment();
        } else {
            failedReads.increment();
            error(error.type(), 1);
        }
    }

    /** Any record read, of this run or not. */
    void recordRead(int dataBytes, long nowNanos) {
        read.increment();
        readBytes.add(dataBytes);
        lastReadNanos.accumulateAndGet(nowNanos, Math::max);
    }

    /** A record of this run read for the first time, {@code latencyNanos} after it was sent. */
    void runRecordRead(long latencyNanos) {
        runRecordsRead.increment();
        endToEnd.recordNanos(latencyNanos);
    }

    void duplicateRead() {
        duplicates.increment();
    }

    private void error(String type, long count) {
        errors.computeIfAbsent(type, t -> new LongAdder()).add(count);
    }

    StatsSnapshot snapshot(long nanos) {
        return new StatsSnapshot(nanos, putCalls.sum(), acked.sum(), ackedBytes.sum(), throttled.sum(),
                failedPutCalls.sum(), failedRecords.sum(), readCalls.sum(), failedReads.sum(), throttledReads.sum(),
                read.sum(), readBytes.sum(), runRecordsRead.sum(), duplicates.sum());
    }

    /** When the last record was read; {@link Long#MIN_VALUE} before the first. */
    long lastReadNanos() {
        return lastReadNanos.get();
    }

    /** Calls that failed and records refused with an error code, by error type, sorted by name. */
    Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((type, count) -> copy.put(type, count.sum()));
        return copy;
    }

    LatencyRecorder putLatency() {
        return putLatency;
    }

    LatencyRecorder endToEnd() {
        return endToEnd;
    }
}
