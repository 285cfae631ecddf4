package io.sluice.analytics.runtime.window;

/**
 * The extent of a sliding window ending at the current row: a ROWTIME range or a row count.
 */
public sealed interface Frame {

    /**
     * {@code RANGE INTERVAL ... PRECEDING}: the rows whose ROWTIME is at least the current ROWTIME minus
     * {@code millis} (inclusive, so {@code RANGE CURRENT ROW}, 0, holds every row with the current ROWTIME, as
     * KDA's window examples say).
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

    static Frame range(long millis) {
        return new Range(millis);
    }

    static Frame rows(int preceding) {
        return new Rows(preceding);
    }
}
