package io.sluice.analytics.function;

/**
 * The running state of one aggregate over one group or window. {@code args} are the aggregate's evaluated
 * arguments for one row (one element for most aggregates). SQL's rules hold: rows whose argument is NULL are
 * ignored, and an aggregate over no rows is NULL (COUNT: 0).
 *
 * <p><b>Threading</b>: single-threaded.
 */
public interface Accumulator {

    void add(Object[] args);

    /**
     * Takes back a row added earlier, as a sliding window drops its oldest row. Only called when the function
     * says {@link AggregateFunction#retractable()}; windows recompute the others.
     */
    void retract(Object[] args);

    /** The aggregate's value now (the accumulator goes on accepting rows). */
    Object result();
}
