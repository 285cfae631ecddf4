package io.sluice.analytics.plan;

import java.util.function.LongSupplier;

/**
 * The wall clock as a run's expressions see it: CURRENT_TIMESTAMP and its kin are the run's start time, fixed,
 * and CURRENT_ROW_TIMESTAMP reads the clock per row (KDA's rules).
 */
record RunClock(long startMillis, LongSupplier wallClock) {

    /** For planning that only checks code: no expression built with it runs. */
    static final RunClock CHECKING = new RunClock(0, () -> 0);
}
