package io.sluice.analytics.plan;

import io.sluice.analytics.runtime.RowReceiver;

/**
 * The grouping or windowing step of a SELECT, planned: the scope its output rows are read through (keys,
 * aggregates and window results in slots) and how to build its operator for a run.
 */
record Stage(Scope scope, Builder builder) {

    /** Builds the stage's operator in front of {@code downstream}; returns the operator to feed. */
    @FunctionalInterface
    interface Builder {
        RowReceiver build(RowReceiver downstream, Wiring wiring);
    }
}
