package io.sluice.cli.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * The line printed every second while a run goes on: rates over the last interval, the p99 put latency of that
 * interval, and the running totals of errors and throttled records. Stateless.
 */
final class ProgressLine {

    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    /**
     * @param putLatencyMicros put latencies recorded in the interval
     * @param producing        whether the write rates belong on the line (not in a read-only run)
     * @param consuming        whether the read rate belongs on the line
     */
    String format(long startNanos, StatsSnapshot previous, StatsSnapshot current, Histogram putLatencyMicros,
                  boolean producing, boolean consuming) {
        double seconds = Math.max(1e-9, (current.nanos() - previous.nanos()) / 1e9);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5.0f s",
                (current.nanos() - startNanos) / 1e9));
        if (producing) {
            line.append(String.format(Locale.ROOT, "  %,10.0f rec/s  %8.2f MiB/s",
                    (current.acked() - previous.acked()) / seconds,
                    (current.ackedBytes() - previous.ackedBytes()) / seconds / BYTES_PER_MIB));
            line.append("  put p99 ").append(putLatencyMicros.getTotalCount() == 0 ? "-"
                    : ReportText.millis(putLatencyMicros.getValueAtPercentile(99) / 1000.0) + " ms");
        }
        if (consuming) {
            line.append(String.format(Locale.ROOT, "  read %,.0f rec/s", (current.read() - previous.read()) / seconds));
        }
        line.append(String.format(Locale.ROOT, "  errors %,d  throttled %,d", current.errors(), current.throttled()));
        return line.toString();
    }
}
