package io.sluice.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * The result of a run, as printed and as written to the JSON report. Counts, rates and latencies are of the
 * measured window, after the warm-up. Rates are per second of the phase they describe; MiB/s counts record data
 * (not partition keys, not base64 or HTTP overhead); latencies are in milliseconds.
 *
 * @param produced null for a read-only run
 * @param consumed null for a run without consumers
 * @param errors   failed calls and records refused with an error other than throttling, by error type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BenchReport(String date, Setup setup, Produced produced, Consumed consumed, Map<String, Long> errors) {

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    /**
     * What was run against what.
     *
     * @param rate target records per second, or "unlimited"
     */
    record Setup(String endpoint, String stream, int shards, String operation, int recordsPerPut, int recordSize,
                 int concurrency, String rate, String format, String consumers, String startPosition) {
    }

    /** Percentiles of a latency histogram recorded in microseconds, in milliseconds; null when nothing was recorded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Latency(long count, double p50, double p90, double p99, double p999, double max) {

        static Latency ofMicros(Histogram histogram) {
            if (histogram.getTotalCount() == 0) {
                return null;
            }
            return new Latency(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
                    millis(histogram.getValueAtPercentile(90)), millis(histogram.getValueAtPercentile(99)),
                    millis(histogram.getValueAtPercentile(99.9)), millis(histogram.getMaxValue()));
        }

        private static double millis(long micros) {
            return micros / 1000.0;
        }
    }

    /**
     * The writing side.
     *
     * @param recordsThrottled refused with ProvisionedThroughputExceededException, per record or per PutRecord call
     * @param failedCalls      calls answered with another error, or lost
     * @param failedRecords    the records of failed calls, and records refused with another error code
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Produced(double seconds, long calls, long recordsAcked, double recordsPerSecond, double mibPerSecond,
                    long recordsThrottled, long failedCalls, long failedRecords, Latency putLatencyMs) {

        static Produced of(StatsSnapshot stats, long elapsedNanos, Histogram putLatencyMicros) {
            double seconds = elapsedNanos / NANOS_PER_SECOND;
            return new Produced(seconds, stats.putCalls(), stats.acked(), perSecond(stats.acked(), seconds),
                    perSecond(stats.ackedBytes(), seconds) / BYTES_PER_MIB, stats.throttled(),
                    stats.failedPutCalls(), stats.failedRecords(), Latency.ofMicros(putLatencyMicros));
        }
    }

    /**
     * The reading side, from the consumers' start to the last record read.
     *
     * @param records    every record read, written by this run or not
     * @param runRecords distinct records of this run read
     * @param missing    records acknowledged to this run's producers (warm-up included) but not read; null for a
     *                   read-only run
     * @param readCalls  GetRecords answers, or fan-out events, and failed reads
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Consumed(double seconds, long records, double recordsPerSecond, double mibPerSecond, long runRecords,
                    long duplicates, Long missing, long readCalls, long throttledReads, long failedReads,
                    Latency endToEndMs) {

        static Consumed of(StatsSnapshot stats, long readingNanos, Histogram endToEndMicros, Long missing) {
            double seconds = readingNanos / NANOS_PER_SECOND;
            return new Consumed(seconds, stats.read(), perSecond(stats.read(), seconds),
                    perSecond(stats.readBytes(), seconds) / BYTES_PER_MIB, stats.runRecordsRead(),
                    stats.duplicates(), missing, stats.readCalls(), stats.throttledReads(), stats.failedReads(),
                    Latency.ofMicros(endToEndMicros));
        }
    }

    private static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : count / seconds;
    }
}
