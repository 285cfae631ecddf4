package io.sluice.analytics.runtime;

/**
 * WHERE and HAVING: passes on the rows for which the condition is TRUE (FALSE and NULL drop the row).
 *
 * <p><b>Threading</b>: single-threaded, the run's thread.
 */
public final class Filter implements RowReceiver {

    private final Expr condition;
    private final RowReceiver downstream;

    public Filter(Expr condition, RowReceiver downstream) {
        this.condition = condition;
        this.downstream = downstream;
    }

    @Override
    public void row(long rowtime, Object[] values) {
        if (Boolean.TRUE.equals(condition.eval(rowtime, values))) {
            downstream.row(rowtime, values);
        }
    }

    @Override
    public void bound(long rowtime) {
        downstream.bound(rowtime);
    }
}
