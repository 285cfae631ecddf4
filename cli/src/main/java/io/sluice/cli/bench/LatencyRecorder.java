package io.sluice.cli.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;

/**
 * Latencies in microseconds, from one second to the next and over the whole run. Values are recorded from any
 * thread without locks (HdrHistogram's {@link Recorder}); {@link #interval}, {@link #reset} and {@link #total}
 * are for the one thread that reports.
 */
final class LatencyRecorder {

    /** Longer latencies are recorded as this, so that one stuck call cannot break a report. */
    static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(MAX_MICROS, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(MAX_MICROS, SIGNIFICANT_DIGITS);
    private Histogram recycled;

    void recordNanos(long nanos) {
        recorder.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }

    /** The latencies recorded since the previous call (valid until the next call); they join the total. */
    Histogram interval() {
        recycled = recorder.getIntervalHistogram(recycled);
        total.add(recycled);
        return recycled;
    }

    /** Forgets every latency recorded so far: the end of a warm-up. */
    void reset() {
        recorder.reset();
        total.reset();
    }

    /** A copy of every latency recorded so far. */
    Histogram total() {
        interval();
        return total.copy();
    }
}
