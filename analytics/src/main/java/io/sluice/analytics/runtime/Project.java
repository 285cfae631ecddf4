package io.sluice.analytics.runtime;

/**
 * A select list (or an INSERT's assignment to the target columns): each output value is one expression over the
 * input row; ROWTIME passes through unchanged.
 *
 * <p><b>Threading</b>: single-threaded, the run's thread.
 */
public final class Project implements RowReceiver {

    private final Expr[] outputs;
    private final RowReceiver downstream;

    public Project(Expr[] outputs, RowReceiver downstream) {
        this.outputs = outputs.clone();
        this.downstream = downstream;
    }

    @Override
    public void row(long rowtime, Object[] values) {
        Expr[] es = outputs;
        Object[] out = new Object[es.length];
        for (int i = 0; i < es.length; i++) {
            out[i] = es[i].eval(rowtime, values);
        }
        downstream.row(rowtime, out);
    }

    @Override
    public void bound(long rowtime) {
        downstream.bound(rowtime);
    }
}
