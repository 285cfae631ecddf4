package io.sluice.cli.bench;

/**
 * Monotonic time in nanoseconds for latencies, pacing and the timestamps embedded in records. Producers and
 * consumers run in one process, so one ticker serves both ends of an end-to-end latency. Injected so that
 * tests can step time by hand. Implementations must be thread-safe.
 */
@FunctionalInterface
interface Ticker {

    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
