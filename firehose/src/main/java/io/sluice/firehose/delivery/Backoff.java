package io.sluice.firehose.delivery;

import java.util.random.RandomGenerator;

/**
 * How long to wait before the next attempt of a failed delivery: {@code base × 2^(attempts-1)}, capped, with
 * ±{@code jitter} spread so that many streams failing at once do not retry in step. AWS's HTTP endpoint
 * delivery waits 1 s × 2^n with 15% jitter, up to 2 minutes. Thread-safe if the random generator is.
 */
public record Backoff(long baseMillis, long capMillis, double jitter, RandomGenerator random) {

    public static Backoff aws(RandomGenerator random) {
        return new Backoff(1_000, 120_000, 0.15, random);
    }

    /** The wait after the {@code attempts}-th failed attempt (1 for the first). */
    public long delayMillis(int attempts) {
        long delay = baseMillis << Math.min(attempts - 1, 30);
        delay = Math.min(delay, capMillis);
        double spread = jitter == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitter;
        return Math.max(0, Math.round(delay * (1 + spread)));
    }
}
