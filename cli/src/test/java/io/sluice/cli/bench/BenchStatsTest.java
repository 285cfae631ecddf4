package io.sluice.cli.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BenchStatsTest {

    @Test
    void aThrottledPutRecordCountsItsRecordAsThrottledNotAsAFailedCall() {
        BenchStats stats = new BenchStats();

        stats.putRefused(new ApiError(400, ApiError.THROTTLED, "slow down"), 1);

        StatsSnapshot snapshot = stats.snapshot(0);
        assertThat(snapshot.putCalls()).isEqualTo(1);
        assertThat(snapshot.throttled()).isEqualTo(1);
        assertThat(snapshot.failedPutCalls()).isZero();
        assertThat(snapshot.failedRecords()).isZero();
        assertThat(stats.errors()).isEmpty();
    }

    @Test
    void aFailedCallLosesAllItsRecordsAndIsCountedByErrorType() {
        BenchStats stats = new BenchStats();

        stats.putRefused(new ApiError(500, "InternalFailure", "oops"), 500);
        stats.putRefused(ApiError.transport(new IOException("reset")), 500);

        StatsSnapshot snapshot = stats.snapshot(0);
        assertThat(snapshot.failedPutCalls()).isEqualTo(2);
        assertThat(snapshot.failedRecords()).isEqualTo(1000);
        assertThat(snapshot.errors()).isEqualTo(2);
        assertThat(stats.errors()).isEqualTo(Map.of("InternalFailure", 1L, "IOException", 1L));
    }

    @Test
    void anAnsweredPutCountsItsAcknowledgedBytesAndItsLatency() {
        BenchStats stats = new BenchStats();

        stats.putAnswered(new PutOutcome(498, 1, Map.of("InternalFailure", 1)), 100, 2_000_000);

        StatsSnapshot snapshot = stats.snapshot(0);
        assertThat(snapshot.acked()).isEqualTo(498);
        assertThat(snapshot.ackedBytes()).isEqualTo(49_800);
        assertThat(snapshot.throttled()).isEqualTo(1);
        assertThat(snapshot.failedRecords()).isEqualTo(1);
        assertThat(snapshot.failedPutCalls()).isZero();
        assertThat(stats.errors()).isEqualTo(Map.of("InternalFailure", 1L));
        assertThat(stats.putLatency().total().getMaxValue()).isBetween(1_999L, 2_001L);
    }

    @Test
    void readsCountThrottlingApartFromFailures() {
        BenchStats stats = new BenchStats();

        stats.readAnswered();
        stats.readRefused(new ApiError(400, ApiError.THROTTLED, "slow down"));
        stats.readRefused(new ApiError(400, "ExpiredIteratorException", "too old"));

        StatsSnapshot snapshot = stats.snapshot(0);
        assertThat(snapshot.readCalls()).isEqualTo(3);
        assertThat(snapshot.throttledReads()).isEqualTo(1);
        assertThat(snapshot.failedReads()).isEqualTo(1);
    }

    @Test
    void theRecordCounterTellsThisRunsRecordsFromOthersAndFromDuplicates() {
        BenchStats stats = new BenchStats();
        RecordCounter counter = new RecordCounter(stats, new SeenRecords(), () -> 5_000_000L, 42);
        byte[] mine = new byte[100];
        new RecordHeader(42, 7, 1_000_000L).writeTo(mine);
        byte[] other = new byte[100];
        new RecordHeader(41, 7, 1_000_000L).writeTo(other);

        counter.onRecord(mine, RecordHeader.BYTES, 100);
        counter.onRecord(mine, RecordHeader.BYTES, 100);
        counter.onRecord(other, RecordHeader.BYTES, 100);
        counter.onRecord(new byte[0], 0, 3);

        StatsSnapshot snapshot = stats.snapshot(0);
        assertThat(snapshot.read()).isEqualTo(4);
        assertThat(snapshot.readBytes()).isEqualTo(303);
        assertThat(snapshot.runRecordsRead()).isEqualTo(1);
        assertThat(snapshot.duplicates()).isEqualTo(1);
        assertThat(stats.endToEnd().total().getMaxValue()).isBetween(3_999L, 4_001L);
        assertThat(stats.lastReadNanos()).isEqualTo(5_000_000L);
    }
}
