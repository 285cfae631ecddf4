package io.sluice.analytics.ml;

import io.sluice.analytics.runtime.RowReceiver;

/**
 * What a tumbling table function computes over the items of one window (TOP_K_ITEMS_TUMBLING,
 * COUNT_DISTINCT_ITEMS_TUMBLING). Items are never NULL: SQL aggregates skip NULLs.
 *
 * <p><b>Threading</b>: single-threaded.
 */
interface WindowAggregate {

    void add(Object item);

    /** Emits the window's output rows, all at ROWTIME {@code windowEnd}. */
    void emit(long windowEnd, RowReceiver downstream);
}
