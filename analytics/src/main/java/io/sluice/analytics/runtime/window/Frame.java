package io.sluice.analytics.runtime.window;

/**
 * The extent of a sliding window ending at the current row: a ROWTIME range or a row count. Immutable values.
 */
public sealed interface Frame {

    /**
     * {@code RANGE INTERVAL ... PRECEDING}: the rows less than {@code millis} older than the current row, see
     * {@link #oldestInRange}.
     */
    record Range(long millis) implements Frame {
        public Range {
            if (millis < 0) {
                throw new IllegalArgumentException("a RANGE interval cannot be negative, got " + millis);
            }
        }
    }

    /** {@code ROWS n PRECEDING}: the current row and the n rows before it ({@code ROWS CURRENT ROW} is 0). */
    record Rows(int preceding) implements Frame {
        public Rows {
            if (preceding < 0) {
                throw new IllegalArgumentException("ROWS PRECEDING cannot be negative, got " + preceding);
            }
        }
    }

    /**
     * The oldest ROWTIME inside a RANGE window of {@code rangeMillis} that ends at {@code now}. A row exactly one
     * interval old is out: KDA's sliding-window page counts the rows of the last 5 seconds at t6 without the row
     * of t1. {@code RANGE CURRENT ROW} (0) still holds every row with the current ROWTIME, as the SQL reference's
     * window examples say. Stream joins use the same rule for their windows.
     */
    static long oldestInRange(long now, long rangeMillis) {
        if (rangeMillis == 0) {
            return now;
        }
        return now < Long.MIN_VALUE + rangeMillis ? Long.MIN_VALUE : now - rangeMillis + 1;
    }

    static Frame range(long millis) {
        return new Range(millis);
    }

    static Frame rows(int preceding) {
        return new Rows(preceding);
    }
}
