package io.sluice.analytics.function;

/**
 * FIRST_VALUE and LAST_VALUE: the argument of the first or last row added, NULL included (SQL's default RESPECT
 * NULLS), or of the first or last row whose argument is not NULL (IGNORE NULLS). Not retractable. NULL over no
 * rows.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class EdgeValueAccumulator implements Accumulator {

    private final boolean last;
    private final boolean ignoreNulls;
    private boolean seen;
    private Object value;

    EdgeValueAccumulator(boolean last, boolean ignoreNulls) {
        this.last = last;
        this.ignoreNulls = ignoreNulls;
    }

    @Override
    public void add(Object[] args) {
        if (ignoreNulls && args[0] == null) {
            return;
        }
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
