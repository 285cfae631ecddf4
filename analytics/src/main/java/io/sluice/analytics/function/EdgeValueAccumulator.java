package io.sluice.analytics.function;

/**
 * FIRST_VALUE and LAST_VALUE: the argument of the first or last row added, NULL included (SQL's default RESPECT
 * NULLS). Not retractable. NULL over no rows.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class EdgeValueAccumulator implements Accumulator {

    private final boolean last;
    private boolean seen;
    private Object value;

    EdgeValueAccumulator(boolean last) {
        this.last = last;
    }

    @Override
    public void add(Object[] args) {
        if (last || !seen) {
            value = args[0];
            seen = true;
        }
    }

    @Override
    public void retract(Object[] args) {
        throw new UnsupportedOperationException((last ? "LAST_VALUE" : "FIRST_VALUE") + " cannot take a row back");
    }

    @Override
    public Object result() {
        return value;
    }
}
