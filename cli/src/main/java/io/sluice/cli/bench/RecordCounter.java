package io.sluice.cli.bench;

/**
 * Counts each record a consumer reads: every record as read, and the records of this run (by their header) once
 * each, with their end-to-end latency, or as duplicates. Shared by polling and fan-out consumers. Thread-safe:
 * it only reads its collaborators, which are thread-safe.
 */
final class RecordCounter implements GetRecordsParser.RecordSink {

    private final BenchStats stats;
    private final SeenRecords seen;
    private final Ticker ticker;
    private final int runId;

    RecordCounter(BenchStats stats, SeenRecords seen, Ticker ticker, int runId) {
        this.stats = stats;
        this.seen = seen;
        this.ticker = ticker;
        this.runId = runId;
    }

    @Override
    public void onRecord(byte[] head, int headLength, int dataLength) {
        long now = ticker.nanos();
        stats.recordRead(dataLength, now);
        RecordHeader header = RecordHeader.readOrNull(head, headLength);
        if (header == null || header.runId() != runId) {
            return;
        }
        if (seen.firstTime(header.sequence())) {
            stats.runRecordRead(now - header.sentNanos());
        } else {
            stats.duplicateRead();
        }
    }
}
