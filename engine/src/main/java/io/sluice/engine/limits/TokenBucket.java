package io.sluice.engine.limits;

import io.sluice.common.Clock;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A token bucket on an injected clock: refills continuously at {@code ratePerSecond} up to {@code capacity}, and
 * starts full (a bucket nobody used for a while is indistinguishable from a new one, which is what lets callers
 * drop idle buckets). {@link #charge} may take it below zero; the debt is then repaid by the refill before
 * {@link #available} admits again. Refill is computed lazily from the clock on each call, so there is no timer.
 *
 * <p>Thread-safe: every method is atomic under the bucket's lock (a {@link ReentrantLock}, never a monitor, so a
 * virtual thread waiting for it does not pin its carrier); nothing blocks while it is held.
 */
public final class TokenBucket {

    /**
     * The level is kept in thousandths of a unit, so that a refill is rate times elapsed milliseconds: for whole
     * rates and amounts every sum is then a whole number, exact in a double, and a bucket refills at exactly the
     * millisecond arithmetic says it does, however many small refills it took to get there.
     */
    private static final double SCALE = 1000.0;

    private final Clock clock;
    private final double ratePerSecond;
    private final double capacity;
    private final double maxDebt;
    private final ReentrantLock lock = new ReentrantLock();
    private double level; // guarded by lock
    private long refilledAt; // guarded by lock

    /** A bucket whose debt is unbounded. */
    public TokenBucket(Clock clock, double ratePerSecond, double capacity) {
        this(clock, ratePerSecond, capacity, Double.POSITIVE_INFINITY);
    }

    /**
     * A bucket whose level never falls below {@code -maxDebt}, so that one oversized charge (or two charged
     * concurrently) cannot lock it for longer than {@code maxDebt / ratePerSecond} seconds.
     */
    public TokenBucket(Clock clock, double ratePerSecond, double capacity, double maxDebt) {
        if (!(ratePerSecond > 0) || !(capacity > 0) || !(maxDebt >= 0)) {
            throw new IllegalArgumentException("rate and capacity must be positive and max debt not negative: "
                    + ratePerSecond + ", " + capacity + ", " + maxDebt);
        }
        this.clock = clock;
        this.ratePerSecond = ratePerSecond;
        this.capacity = capacity * SCALE;
        this.maxDebt = maxDebt * SCALE;
        this.level = this.capacity;
        this.refilledAt = clock.millis();
    }

    /**
     * A bucket holding one second's worth of its rate, the little burst AWS allows; at least one unit, so that a
     * rate below one per second (e.g. 0.5 calls/s) still admits a call every so often.
     */
    static TokenBucket oneSecondBurst(Clock clock, double ratePerSecond) {
        return new TokenBucket(clock, ratePerSecond, Math.max(1, ratePerSecond));
    }

    /** Takes {@code amount} and returns true if at least that much is available; otherwise takes nothing. */
    public boolean tryTake(double amount) {
        lock.lock();
        try {
            refill();
            if (level < amount * SCALE) {
                return false;
            }
            level -= amount * SCALE;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** True if the level is not negative: admits a call whose cost is only known, and {@link #charge}d, later. */
    public boolean available() {
        lock.lock();
        try {
            refill();
            return level >= 0;
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code amount} unconditionally, going into debt (down to the maximum debt) if need be. */
    public void charge(double amount) {
        lock.lock();
        try {
            refill();
            level = Math.max(level - amount * SCALE, -maxDebt);
        } finally {
            lock.unlock();
        }
    }

    /**
     * True if at least {@code amount} is available, taking nothing. Lets a caller that serialises its own access
     * check several buckets before taking from any of them.
     */
    boolean has(double amount) {
        lock.lock();
        try {
            refill();
            return level >= amount * SCALE;
        } finally {
            lock.unlock();
        }
    }

    /** True if the bucket is at capacity, i.e. it behaves exactly as a fresh one would and may be discarded. */
    boolean full() {
        lock.lock();
        try {
            refill();
            return level >= capacity;
        } finally {
            lock.unlock();
        }
    }

    private void refill() {
        long now = clock.millis();
        // A clock set backwards must neither drain the bucket nor make it refill twice over the same interval.
        if (now > refilledAt) {
            level = Math.min(capacity, level + (now - refilledAt) * ratePerSecond);
            refilledAt = now;
        }
    }
}
