package io.sluice.cli.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Lays out a {@link BenchReport} for a terminal. Stateless. */
final class ReportText {

    String format(BenchReport report) {
        BenchReport.Setup setup = report.setup();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "sluice bench %s against %s%n", report.date(), setup.endpoint()));
        BenchReport.Produced produced = report.produced();
        String load = produced == null ? "read-only" : String.format(Locale.ROOT, "%s of %d x %d B, concurrency %d, "
                + "rate %s", setup.operation(), setup.recordsPerPut(), setup.recordSize(), setup.concurrency(),
                setup.rate());
        text.append(String.format(Locale.ROOT, "  stream %s (%d shards), %s, %s, consumers %s from %s%n",
                setup.stream(), setup.shards(), load, setup.format(), setup.consumers(), setup.startPosition()));
        if (produced != null) {
            text.append(String.format(Locale.ROOT, "produced     %,d records acknowledged in %.1f s: %,.0f records/s, "
                            + "%.2f MiB/s, %,d calls%n", produced.recordsAcked(), produced.seconds(),
                    produced.recordsPerSecond(), produced.mibPerSecond(), produced.calls()));
            text.append(String.format(Locale.ROOT,
                    "             throttled %,d records; failed %,d records, %,d calls%n", produced.recordsThrottled(),
                    produced.failedRecords(), produced.failedCalls()));
            text.append("put latency  ").append(latency(produced.putLatencyMs())).append('\n');
        }
        BenchReport.Consumed consumed = report.consumed();
        if (consumed != null) {
            text.append(String.format(Locale.ROOT, "consumed     %,d records in %.1f s: %,.0f records/s, %.2f MiB/s, "
                            + "%,d reads (%,d throttled, %,d failed)%n", consumed.records(),
                    consumed.seconds(), consumed.recordsPerSecond(), consumed.mibPerSecond(), consumed.readCalls(),
                    consumed.throttledReads(), consumed.failedReads()));
            text.append(String.format(Locale.ROOT, "             this run's records: %,d read, %,d duplicates%s%n",
                    consumed.runRecords(), consumed.duplicates(),
                    consumed.missing() == null ? "" : String.format(Locale.ROOT, ", %,d missing", consumed.missing())));
            text.append("end-to-end   ").append(latency(consumed.endToEndMs())).append('\n');
        }
        text.append("errors       ").append(errors(report.errors())).append('\n');
        return text.toString();
    }

    private static String latency(BenchReport.Latency latency) {
        if (latency == null) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "ms p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (%,d samples)",
                millis(latency.p50()), millis(latency.p90()), millis(latency.p99()), millis(latency.p999()),
                millis(latency.max()), latency.count());
    }

    /** Three significant figures is what the histograms hold. */
    static String millis(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String errors(Map<String, Long> errors) {
        if (errors.isEmpty()) {
            return "none";
        }
        return errors.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
