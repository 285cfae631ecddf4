package io.sluice.cli.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchReportTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void ratesArePerSecondOfTheProducingPhaseAndMibAreOfRecordData() {
        StatsSnapshot stats = new StatsSnapshot(0, 40, 20_000, 20_000L * 1024, 300, 2, 1_000, 0, 0, 0, 0, 0, 0, 0);

        BenchReport.Produced produced = BenchReport.Produced.of(stats, 4 * SECOND, micros(1_000));

        assertThat(produced.seconds()).isEqualTo(4.0);
        assertThat(produced.calls()).isEqualTo(40);
        assertThat(produced.recordsAcked()).isEqualTo(20_000);
        assertThat(produced.recordsPerSecond()).isEqualTo(5_000.0);
        assertThat(produced.mibPerSecond()).isCloseTo(20_000.0 * 1024 / 4 / 1024 / 1024, within(1e-9));
        assertThat(produced.recordsThrottled()).isEqualTo(300);
        assertThat(produced.failedCalls()).isEqualTo(2);
        assertThat(produced.failedRecords()).isEqualTo(1_000);
    }

    @Test
    void latencyPercentilesComeInMillisecondsFromMicrosecondHistograms() {
        Histogram histogram = new Histogram(LatencyRecorder.MAX_MICROS, 3);
        for (int millis = 1; millis <= 1000; millis++) {
            histogram.recordValue(millis * 1000L);
        }

        BenchReport.Latency latency = BenchReport.Latency.ofMicros(histogram);

        assertThat(latency.count()).isEqualTo(1000);
        assertThat(latency.p50()).isCloseTo(500, within(0.5));
        assertThat(latency.p90()).isCloseTo(900, within(0.9));
        assertThat(latency.p99()).isCloseTo(990, within(1.0));
        assertThat(latency.p999()).isCloseTo(999, within(1.0));
        assertThat(latency.max()).isCloseTo(1000, within(1.0));
    }

    @Test
    void noSamplesMeansNoLatencyRatherThanZero() {
        assertThat(BenchReport.Latency.ofMicros(new Histogram(LatencyRecorder.MAX_MICROS, 3))).isNull();
    }

    @Test
    void consumerRatesArePerSecondOfReading() {
        StatsSnapshot stats = new StatsSnapshot(0, 10, 5_000, 500_000, 0, 0, 0, 30, 1, 2, 6_000, 600_000, 4_900,
                7);

        BenchReport.Consumed consumed = BenchReport.Consumed.of(stats, 2 * SECOND, micros(50_000), 100L);

        assertThat(consumed.records()).isEqualTo(6_000);
        assertThat(consumed.recordsPerSecond()).isEqualTo(3_000.0);
        assertThat(consumed.mibPerSecond()).isCloseTo(300_000.0 / 1024 / 1024, within(1e-9));
        assertThat(consumed.runRecords()).isEqualTo(4_900);
        assertThat(consumed.duplicates()).isEqualTo(7);
        assertThat(consumed.missing()).isEqualTo(100);
        assertThat(consumed.readCalls()).isEqualTo(30);
        assertThat(consumed.throttledReads()).isEqualTo(2);
        assertThat(consumed.failedReads()).isEqualTo(1);
        assertThat(consumed.endToEndMs().p50()).isCloseTo(50, within(0.1));
        assertThat(BenchReport.Consumed.of(stats, 2 * SECOND, micros(1), null).missing()).isNull();
    }

    @Test
    void nothingReadInNoTimeIsARateOfZero() {
        BenchReport.Consumed consumed = BenchReport.Consumed.of(StatsSnapshot.zero(0), 0, micros(), 0L);

        assertThat(consumed.recordsPerSecond()).isZero();
        assertThat(consumed.endToEndMs()).isNull();
    }

    @Test
    void theMeasuredWindowIsTheDifferenceOfTwoSnapshots() {
        StatsSnapshot warm = new StatsSnapshot(SECOND, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        StatsSnapshot end = new StatsSnapshot(5 * SECOND, 11, 22, 33, 44, 55, 66, 77, 88, 99, 110, 121, 132, 143);

        assertThat(end.minus(warm)).isEqualTo(new StatsSnapshot(5 * SECOND, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100,
                110, 120, 130));
    }

    @Test
    void theTextReportShowsTheFiguresAndTheErrorsByType() {
        StatsSnapshot stats = new StatsSnapshot(0, 40, 20_000, 2_000_000, 300, 2, 1_000, 30, 0, 0, 20_000,
                2_000_000, 20_000, 0);
        BenchReport report = new BenchReport("2025-01-01T00:00:00Z", new BenchReport.Setup("http://127.0.0.1:4567",
                "s", 4, "PutRecords", 500, 100, 8, "unlimited", "cbor", "polling", "LATEST"),
                BenchReport.Produced.of(stats, 2 * SECOND, micros(1_500, 2_500)),
                BenchReport.Consumed.of(stats, 2 * SECOND, micros(120_000), 0L),
                Map.of("InternalFailure", 2L));

        String text = new ReportText().format(report);

        assertThat(text).contains("20,000 records acknowledged in 2.0 s: 10,000 records/s, 0.95 MiB/s, 40 calls")
                .contains("throttled 300 records; failed 1,000 records, 2 calls")
                .contains("put latency  ms p50 1.50")
                .contains("end-to-end   ms p50 120")
                .contains("0 missing")
                .contains("errors       InternalFailure 2");
    }

    @Test
    void theProgressLineGivesTheRatesOfTheLastInterval() {
        StatsSnapshot before = new StatsSnapshot(SECOND, 0, 1_000, 100_000, 0, 0, 0, 0, 0, 0, 900, 0, 0, 0);
        StatsSnapshot after = new StatsSnapshot(3 * SECOND, 0, 11_000, 100_000 + 2L * 1024 * 1024, 5, 1, 0, 0, 2,
                0, 8_900, 0, 0, 0);

        String line = new ProgressLine().format(0, before, after, micros(4_000), true, true);

        assertThat(line).contains("3 s").contains("5,000 rec/s").contains("1.00 MiB/s").contains("put p99 4.00 ms")
                .contains("read 4,000 rec/s").contains("errors 3").contains("throttled 5");
    }

    @Test
    void aReadOnlyProgressLineHasNoWriteFigures() {
        StatsSnapshot after = new StatsSnapshot(SECOND, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2_000, 0, 0, 0);

        String line = new ProgressLine().format(0, StatsSnapshot.zero(0), after, micros(), false, true);

        assertThat(line).contains("read 2,000 rec/s").doesNotContain("put p99").doesNotContain("MiB/s");
    }

    private static Histogram micros(long... values) {
        Histogram histogram = new Histogram(LatencyRecorder.MAX_MICROS, 3);
        for (long value : values) {
            histogram.recordValue(value);
        }
        return histogram;
    }
}
