package io.sluice.engine.limits;

import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Control-plane call rates, one token bucket per (operation, scope), the scope being whatever the caller limits
 * by: the account id for per-account limits, account and stream for per-stream ones (ListShards). Each bucket
 * holds one second's worth of the operation's rate. Also keeps the rolling 24-hour allowance of UpdateShardCount
 * per stream. When the settings are disabled everything is admitted.
 *
 * <p>Memory: buckets and call logs are created on first use and dropped by a sweep, run at most once a minute
 * by whichever call notices it is due, once they are idle: a full bucket behaves exactly as a fresh one, and a
 * call log whose calls are all older than 24 hours is empty; so dropping them changes no answer, and what is kept
 * is bounded by the scopes used in the last minute (buckets) or day (UpdateShardCount logs, at most
 * {@link LimitSettings#updateShardCountPerDay()} entries each).
 *
 * <p>Thread-safe: each bucket or log is checked and taken from inside its map entry's atomic update, which the
 * sweep also uses, so a sweep can never drop a bucket that a call is taking from.
 */
public final class ControlPlaneLimiter {

    private static final long DAY_MILLIS = Duration.ofHours(24).toMillis();
    private static final long SWEEP_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

    private final Clock clock;
    private final LimitSettings settings;
    private final Map<Key, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, ArrayDeque<Long>> updateShardCountLogs = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    public ControlPlaneLimiter(Clock clock, LimitSettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.nextSweep = new AtomicLong(clock.millis() + SWEEP_EVERY_MILLIS);
    }

    /**
     * Counts one call of {@code operation} against its rate for {@code scope}; operations with no configured rate
     * are not limited.
     *
     * @throws ServiceException LIMIT_EXCEEDED when the rate is exceeded
     * @throws IllegalArgumentException for GetShardIterator, whose rate is per shard: use
     *                                  {@link ShardThroughput#admitGetShardIterator()}
     */
    public void acquire(String operation, String scope) {
        if (LimitSettings.GET_SHARD_ITERATOR.equals(operation)) {
            throw new IllegalArgumentException("GetShardIterator is limited per shard by ShardThroughput");
        }
        Double rate = settings.controlPlaneRatesPerSecond().get(operation);
        if (!settings.enabled() || rate == null) {
            return;
        }
        sweepIfDue();
        boolean[] taken = new boolean[1];
        buckets.compute(new Key(operation, scope), (key, bucket) -> {
            TokenBucket current = bucket == null ? TokenBucket.oneSecondBurst(clock, rate) : bucket;
            taken[0] = current.tryTake(1);
            return current;
        });
        if (!taken[0]) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "Rate exceeded for " + operation + ": at most "
                    + format(rate) + " calls per second for " + scope + ".");
        }
    }

    /**
     * Counts one UpdateShardCount on a stream against its rolling 24-hour allowance. This is on top of the
     * operation's per-second rate, which the caller acquires separately.
     *
     * @param streamScope identifies the stream, e.g. account and stream name
     * @throws ServiceException LIMIT_EXCEEDED when the stream already had
     *                          {@link LimitSettings#updateShardCountPerDay()} calls within the last 24 hours
     */
    public void acquireUpdateShardCount(String streamScope) {
        if (!settings.enabled()) {
            return;
        }
        sweepIfDue();
        boolean[] taken = new boolean[1];
        updateShardCountLogs.compute(streamScope, (scope, log) -> {
            // Read inside the entry's update so that concurrent calls are logged in time order.
            long now = clock.millis();
            ArrayDeque<Long> calls = log == null ? new ArrayDeque<>() : log;
            dropExpired(calls, now);
            taken[0] = calls.size() < settings.updateShardCountPerDay();
            if (taken[0]) {
                calls.addLast(now);
            }
            return calls;
        });
        if (!taken[0]) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "Rate exceeded for UpdateShardCount: at most "
                    + settings.updateShardCountPerDay() + " calls within 24 hours for " + streamScope + ".");
        }
    }

    /** How many buckets and call logs are held, to check that idle ones are dropped. */
    int tracked() {
        return buckets.size() + updateShardCountLogs.size();
    }

    private void sweepIfDue() {
        long now = clock.millis();
        long due = nextSweep.get();
        // Only the caller that moves the deadline sweeps; the others go on without waiting.
        if (now < due || !nextSweep.compareAndSet(due, now + SWEEP_EVERY_MILLIS)) {
            return;
        }
        buckets.keySet().forEach(key -> buckets.computeIfPresent(key, (k, bucket) -> bucket.full() ? null : bucket));
        updateShardCountLogs.keySet().forEach(scope -> updateShardCountLogs.computeIfPresent(scope, (s, calls) -> {
            dropExpired(calls, now);
            return calls.isEmpty() ? null : calls;
        }));
    }

    /** Calls made 24 hours ago or earlier no longer count. */
    private static void dropExpired(ArrayDeque<Long> calls, long now) {
        while (!calls.isEmpty() && calls.peekFirst() <= now - DAY_MILLIS) {
            calls.removeFirst();
        }
    }

    private static String format(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private record Key(String operation, String scope) {
    }
}
