package io.sluice.analytics.runtime.window;

/**
 * Where one output column of a grouped operator ({@link TumblingAggregate}, {@link StaggerWindow}) comes from:
 * the output row is laid out by a list of these, so the planner can put keys and aggregates in SELECT order and
 * add columns that only HAVING reads. Immutable values.
 */
public sealed interface GroupColumn {

    /** The value of the i-th (non-monotonic) grouping key, or the i-th PARTITION BY key of a stagger window. */
    record Key(int index) implements GroupColumn {
    }

    /** The result of the i-th aggregate. */
    record Aggregate(int index) implements GroupColumn {
    }

    /** The value of a tumbling window's monotonic key (for example {@code STEP(ROWTIME BY INTERVAL '1' MINUTE)}). */
    record WindowKey() implements GroupColumn {
    }

    static GroupColumn key(int index) {
        return new Key(index);
    }

    static GroupColumn aggregate(int index) {
        return new Aggregate(index);
    }

    static GroupColumn windowKey() {
        return new WindowKey();
    }
}
