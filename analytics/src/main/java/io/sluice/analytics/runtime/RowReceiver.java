package io.sluice.analytics.runtime;

/**
 * The one shape every continuous operator's input has: rows arrive in ROWTIME order (never decreasing), and
 * rowtime bounds promise that no later row has a smaller ROWTIME. An operator with two inputs (a join) hands out
 * one receiver per side.
 *
 * <p><b>Threading</b>: single-threaded, the run's thread; a call returns after everything it caused downstream.
 */
public interface RowReceiver {

    /** A row; {@code values} may be kept (no caller changes it afterwards). */
    void row(long rowtime, Object[] values);

    /** No row with a ROWTIME below {@code rowtime} follows; emit what that closes, then pass the bound on. */
    void bound(long rowtime);
}
