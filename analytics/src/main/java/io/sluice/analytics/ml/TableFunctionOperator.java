package io.sluice.analytics.ml;

import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.runtime.Stateful;

/**
 * A running table function: it receives the rows of its CURSOR and emits its output rows to the receiver it was
 * created with, passing rowtime bounds on after emitting what they close.
 *
 * <p><b>Threading</b>: single-threaded, like {@link RowReceiver}.
 */
public interface TableFunctionOperator extends RowReceiver, Stateful {
}
