package io.sluice.analytics.ml;

import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.type.RowType;

/**
 * A table function call resolved for its cursor's row type and constant arguments: the function's name, the row
 * type of its output stream, and a factory of running operators (one per pipeline; operators are not shared).
 * Immutable.
 */
public record TableFunctionSpec(String name, RowType output, Factory factory) {

    /** Creates a fresh operator that emits to {@code downstream}; each call starts with empty state. */
    @FunctionalInterface
    public interface Factory {

        TableFunctionOperator create(RowReceiver downstream);
    }
}
