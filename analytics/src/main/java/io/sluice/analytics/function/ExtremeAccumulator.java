package io.sluice.analytics.function;

/**
 * MIN and MAX in the argument's own type and order ({@link Comparisons#order}). Not retractable: a sliding window
 * recomputes. NULL over no non-null rows.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class ExtremeAccumulator implements Accumulator {

    private final Comparisons.Order order;
    private final boolean max;
    private Object best;

    ExtremeAccumulator(Comparisons.Order order, boolean max) {
        this.order = order;
        this.max = max;
    }

    @Override
    public void add(Object[] args) {
        Object v = args[0];
        if (v == null) {
            return;
        }
        if (best == null) {
            best = v;
            return;
        }
        int c = order.compare(v, best);
        if (max ? c > 0 : c < 0) {
            best = v;
        }
    }

    @Override
    public void retract(Object[] args) {
        throw new UnsupportedOperationException((max ? "MAX" : "MIN") + " cannot take a row back");
    }

    @Override
    public Object result() {
        return best;
    }
}
