package io.sluice.analytics.plan;

import io.sluice.analytics.type.RowType;

import java.util.Set;

/** A query planned once: the columns it produces, the streams it reads, and how to build it for a run. */
record PlannedQuery(RowType type, Set<String> reads, QueryBuilder builder) {

    PlannedQuery {
        reads = Set.copyOf(reads);
    }
}
