package io.sluice.analytics.runtime;

/** An operator that holds rows or partial results between calls. Same threading as {@link RowReceiver}. */
public interface Stateful {

    /**
     * The lowest ROWTIME among the input rows whose effect this operator still holds, or {@link Long#MAX_VALUE}
     * when it holds none.
     */
    long retainedFloor();
}
