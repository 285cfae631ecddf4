package io.sluice.storage.kafka;

import java.time.Duration;

/**
 * How long this node may still trust that it is a member of the task group, on its own clock. It is renewed by
 * an offset commit that succeeded: in a classic group the coordinator refreshes the committing member's session
 * when it accepts a commit, so a commit sent at time S proves the coordinator will not drop this member before
 * S + the session timeout. The lease ends a tenth of the session earlier, for the difference between the two
 * clocks' rates and the coordinator's timer granularity. Time is {@link System#nanoTime()}'s: the session is
 * measured in elapsed time, and a wall clock may jump.
 *
 * <p><b>Threading</b>: {@link #renewed} from one thread (the placement's); {@link #valid} from any.
 */
final class MembershipLease {

    private final long lengthNanos;
    private volatile long endsNanos;

    /** A lease that has already ended: nothing is owned until the first renewal. */
    MembershipLease(Duration sessionTimeout, long nowNanos) {
        this.lengthNanos = sessionTimeout.toNanos() / 10 * 9;
        this.endsNanos = nowNanos;
    }

    /** A commit sent at {@code sentAtNanos} succeeded. */
    void renewed(long sentAtNanos) {
        endsNanos = sentAtNanos + lengthNanos;
    }

    boolean valid(long nowNanos) {
        return nowNanos - endsNanos < 0;
    }
}
