package io.sluice.analytics.ml;

import io.sluice.analytics.runtime.RowReceiver;

import java.util.function.Supplier;

/**
 * The tumbling windows of TOP_K_ITEMS_TUMBLING and COUNT_DISTINCT_ITEMS_TUMBLING: windows of windowSeconds
 * aligned to the epoch on ROWTIME, like {@code GROUP BY STEP(ROWTIME BY INTERVAL 'n' SECOND)}. A window opens with
 * its first row and is emitted, at ROWTIME = the window's end, when a row or a rowtime bound reaches that end, so
 * an idle stream's last window waits for the next bound. A window without rows emits nothing.
 *
 * <p>{@link #retainedFloor()} is the ROWTIME of the open window's first row.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class TumblingItemsOperator implements TableFunctionOperator {

    private final RowReceiver downstream;
    private final int column;
    private final long windowMillis;
    private final Supplier<WindowAggregate> aggregates;
    private WindowAggregate open;
    private long windowEnd;
    private long firstRowtime = Long.MAX_VALUE;

    TumblingItemsOperator(RowReceiver downstream, int column, long windowMillis,
                          Supplier<WindowAggregate> aggregates) {
        this.downstream = downstream;
        this.column = column;
        this.windowMillis = windowMillis;
        this.aggregates = aggregates;
    }

    @Override
    public void row(long rowtime, Object[] values) {
        if (open != null && rowtime >= windowEnd) {
            close();
        }
        if (open == null) {
            open = aggregates.get();
            windowEnd = Math.floorDiv(rowtime, windowMillis) * windowMillis + windowMillis;
            firstRowtime = rowtime;
        }
        Object item = values[column];
        if (item != null) {
            open.add(item);
        }
    }

    @Override
    public void bound(long rowtime) {
        if (open != null && rowtime >= windowEnd) {
            close();
        }
        downstream.bound(rowtime);
    }

    @Override
    public long retainedFloor() {
        return firstRowtime;
    }

    private void close() {
        WindowAggregate closing = open;
        open = null;
        firstRowtime = Long.MAX_VALUE;
        closing.emit(windowEnd, downstream);
    }
}
