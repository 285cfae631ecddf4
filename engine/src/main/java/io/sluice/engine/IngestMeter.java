package io.sluice.engine;

import io.sluice.common.Clock;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a shard took in over the last minute, second by second, on the injected clock: the on-demand scaler reads
 * it to find hot and cold shards. A ring of 60 one-second buckets; a bucket is reset when its second comes round
 * again. Thread-safe: one short critical section per put batch under a {@link ReentrantLock} (no monitor, so a
 * virtual thread never pins on it); nothing blocks while it is held.
 */
final class IngestMeter {

    static final int WINDOW_SECONDS = 60;

    private final Clock clock;
    private final long[] second = new long[WINDOW_SECONDS];
    private final long[] bytes = new long[WINDOW_SECONDS];
    private final long[] records = new long[WINDOW_SECONDS];
    private final long since;
    private final ReentrantLock lock = new ReentrantLock();

    IngestMeter(Clock clock) {
        this.clock = clock;
        this.since = clock.millis() / 1000;
        Arrays.fill(second, -1);
    }

    void record(int recordCount, long byteCount) {
        long now = clock.millis() / 1000;
        int slot = (int) (now % WINDOW_SECONDS);
        lock.lock();
        try {
            if (second[slot] != now) {
                second[slot] = now;
                bytes[slot] = 0;
                records[slot] = 0;
            }
            bytes[slot] += byteCount;
            records[slot] += recordCount;
        } finally {
            lock.unlock();
        }
    }

    /** Average bytes per second over the last {@code seconds} whole seconds (at most the window). */
    double bytesPerSecond(int seconds) {
        return average(bytes, seconds);
    }

    double recordsPerSecond(int seconds) {
        return average(records, seconds);
    }

    /** Whether the meter has watched the shard for the whole of the last {@code seconds}. */
    boolean observedFor(int seconds) {
        return clock.millis() / 1000 - since >= seconds;
    }

    private double average(long[] values, int seconds) {
        long now = clock.millis() / 1000;
        int span = Math.min(seconds, WINDOW_SECONDS);
        long total = 0;
        lock.lock();
        try {
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                if (second[i] >= 0 && now - second[i] >= 1 && now - second[i] <= span) {
                    total += values[i];
                }
            }
        } finally {
            lock.unlock();
        }
        return total / (double) span;
    }
}
