package io.sluice.analytics.plan;

import io.sluice.analytics.runtime.Expr;

/**
 * Evaluates an expression once per input row however many outputs read it: the value is kept for the row array
 * last seen (rows are never changed once passed on, and a run's expressions are its own, on its one thread).
 * Used for ROW-valued functions whose fields become several columns.
 *
 * <p><b>Threading</b>: single-threaded, the run's thread.
 */
final class SameRowOnce implements Expr {

    private final Expr expr;
    private Object[] lastRow;
    private long lastRowtime;
    private Object lastValue;

    SameRowOnce(Expr expr) {
        this.expr = expr;
    }

    @Override
    public Object eval(long rowtime, Object[] row) {
        if (row != lastRow || rowtime != lastRowtime) {
            lastValue = expr.eval(rowtime, row);
            lastRow = row;
            lastRowtime = rowtime;
        }
        return lastValue;
    }
}
