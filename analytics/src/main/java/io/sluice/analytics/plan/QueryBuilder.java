package io.sluice.analytics.plan;

import io.sluice.analytics.runtime.RowReceiver;

/**
 * Builds a planned query's operators for one run: they end in {@code downstream}, and the query subscribes itself
 * to the streams it reads. Plans are immutable; each call builds fresh operators with empty state.
 */
@FunctionalInterface
interface QueryBuilder {

    void build(RowReceiver downstream, Wiring wiring);
}
