package io.sluice.agent.send;

import java.util.random.RandomGenerator;

/**
 * Jittered exponential backoff between a flow's {@code retryInitialBackoffMillis} and {@code retryMaxBackoffMillis}:
 * the n-th wait is drawn uniformly from the upper half of {@code min(max, initial * 2^n)}, so retries of many
 * buffers spread out rather than arriving together. One per batch being sent; not thread-safe.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int failures;

    Backoff(long initialMillis, long maxMillis, RandomGenerator random) {
        this.initialMillis = Math.max(1, initialMillis);
        this.maxMillis = Math.max(this.initialMillis, maxMillis);
        this.random = random;
    }

    /** The wait before the next attempt after one more failure. */
    long next() {
        long ceiling = Math.min(maxMillis, initialMillis << Math.min(failures, 30));
        failures++;
        long floor = Math.max(initialMillis, ceiling / 2);
        return floor >= ceiling ? ceiling : random.nextLong(floor, ceiling + 1);
    }

    /** The wait after an error only an operator can fix (a missing stream): the longest. */
    long longest() {
        failures++;
        return maxMillis;
    }
}
