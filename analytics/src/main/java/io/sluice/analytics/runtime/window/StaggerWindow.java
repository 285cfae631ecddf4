package io.sluice.analytics.runtime.window;

import io.sluice.analytics.function.Accumulator;
import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.runtime.Stateful;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code WINDOWED BY STAGGER (PARTITION BY keys RANGE INTERVAL i)}: a window per partition key that opens at
 * the ROWTIME of the first row with that key and closes at open + i (KDA's stagger window).
 *
 * <p><b>Emission</b>: a window is complete once a rowtime bound, or a row of any key, has a ROWTIME at or past
 * its close time; it is then emitted as one row laid out by {@code layout} (HAVING, may be null, drops rows that
 * are not TRUE) with ROWTIME = open + i, a moment no input row need have, so time (bounds from the run's clock)
 * closes windows, not only rows. A row whose key's window has closed opens the key's next window. Windows are
 * emitted in order of their close time, so output ROWTIME never decreases; bounds are passed on afterwards.
 *
 * <p><b>Threading</b>: single-threaded, as {@link RowReceiver}.
 */
public final class StaggerWindow implements RowReceiver, Stateful {

    private final Expr[] keys;
    private final long intervalMillis;
    private final Aggregates aggregates;
    private final GroupOutput output;

    private final Map<Object, Window> open = new HashMap<>();
    /** Open windows by opening time, which is also their closing order (every window is as long). */
    private final ArrayDeque<Window> byClose = new ArrayDeque<>();

    /**
     * @param partitionKeys  the PARTITION BY expressions, in the order {@link GroupColumn.Key} refers to them
     * @param intervalMillis the RANGE INTERVAL, positive
     * @param aggregates     the aggregates, in the order {@link GroupColumn.Aggregate} refers to them
     * @param layout         the output row's columns ({@link GroupColumn.WindowKey} is not available)
     * @param having         HAVING over the output row, or null
     * @param downstream     receives the output rows and bounds
     */
    public StaggerWindow(List<Expr> partitionKeys, long intervalMillis, List<AggregateCall> aggregates,
                         List<GroupColumn> layout, Expr having, RowReceiver downstream) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("a stagger window's interval must be positive, got " + intervalMillis);
        }
        this.keys = partitionKeys.toArray(Expr[]::new);
        this.intervalMillis = intervalMillis;
        this.aggregates = new Aggregates(aggregates);
        Keys.checkKeyIndexes(layout, this.keys.length, aggregates.size(), false);
        this.output = new GroupOutput(layout, having, Objects.requireNonNull(downstream, "downstream"));
    }

    @Override
    public void row(long rowtime, Object[] values) {
        closeUntil(rowtime);
        Object key = Keys.of(keys, rowtime, values);
        aggregates.evaluate(rowtime, values);
        Window window = open.get(key);
        if (window == null) {
            window = new Window(key, rowtime, aggregates.newAccumulators());
            open.put(key, window);
            byClose.addLast(window);
        }
        aggregates.addTo(window.accumulators);
    }

    @Override
    public void bound(long rowtime) {
        closeUntil(rowtime);
        output.bound(rowtime);
    }

    @Override
    public long retainedFloor() {
        Window oldest = byClose.peekFirst();
        return oldest == null ? Long.MAX_VALUE : oldest.openedAt;
    }

    private void closeUntil(long now) {
        Window oldest;
        while ((oldest = byClose.peekFirst()) != null && oldest.openedAt + intervalMillis <= now) {
            byClose.pollFirst();
            open.remove(oldest.key);
            output.emit(oldest.openedAt + intervalMillis, null, oldest.key, oldest.accumulators);
        }
    }

    private record Window(Object key, long openedAt, Accumulator[] accumulators) {
    }
}
