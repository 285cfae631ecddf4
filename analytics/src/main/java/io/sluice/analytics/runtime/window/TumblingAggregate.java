package io.sluice.analytics.runtime.window;

import io.sluice.analytics.function.Accumulator;
import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.runtime.Stateful;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * Streaming GROUP BY: a tumbling window. The GROUP BY holds one monotonic expression ({@code STEP(ROWTIME BY
 * INTERVAL '1' MINUTE)}, {@code FLOOR(ROWTIME TO MINUTE)}, or another expression the planner knows never
 * decreases) and any number of other keys; rows are grouped by (monotonic value, other keys).
 *
 * <p><b>Emission</b> (KDA's rule): when a row arrives whose monotonic value differs from the current one, every
 * group of the previous value is complete and is emitted, one row per group, in the order the groups were first
 * seen; then the row starts the new value's groups. When the monotonic value is derived from ROWTIME the planner
 * passes {@code windowEnd} (the window's end for a monotonic value: {@code v + width} for STEP, the next unit for
 * FLOOR), and then a rowtime bound at or past the end also closes the window, so an idle input still flushes;
 * output ROWTIME is the window's end (KDA shows a window of 11:00 emitted at 11:01:00). Without {@code windowEnd}
 * only a changed value closes the groups and their ROWTIME is the ROWTIME of the row that closed them. Each
 * output row is laid out by {@code layout}; HAVING ({@code having}, evaluated on the laid-out row, may be null)
 * drops rows that are not TRUE. Bounds are passed downstream after what they close.
 *
 * <p>Evaluation errors ({@link io.sluice.analytics.runtime.EvaluationException}) of a row's keys or arguments
 * propagate before the row changes any group (the new monotonic value may already have closed the previous
 * window, as a bound would have); an error in HAVING propagates from the emission.
 *
 * <p><b>Threading</b>: single-threaded, as {@link RowReceiver}.
 */
public final class TumblingAggregate implements RowReceiver, Stateful {

    private final Expr monotonicKey;
    private final LongUnaryOperator windowEnd;
    private final Expr[] keys;
    private final Aggregates aggregates;
    private final GroupOutput output;

    private final Map<Object, Accumulator[]> groups = new LinkedHashMap<>();
    private Object currentWindow;
    private boolean open;
    private long firstRowtime = Long.MAX_VALUE;

    /**
     * @param monotonicKey the monotonic GROUP BY expression
     * @param windowEnd    the window's end ROWTIME for a value of {@code monotonicKey} (a TIMESTAMP, Long
     *                     millis), or null when the key is not derived from ROWTIME
     * @param keys         the other GROUP BY expressions, in the order {@link GroupColumn.Key} refers to them
     * @param aggregates   the aggregates, in the order {@link GroupColumn.Aggregate} refers to them
     * @param layout       the output row's columns
     * @param having       HAVING over the output row, or null
     * @param downstream   receives the output rows and bounds
     */
    public TumblingAggregate(Expr monotonicKey, LongUnaryOperator windowEnd, List<Expr> keys,
                             List<AggregateCall> aggregates, List<GroupColumn> layout, Expr having,
                             RowReceiver downstream) {
        this.monotonicKey = Objects.requireNonNull(monotonicKey, "monotonicKey");
        this.windowEnd = windowEnd;
        this.keys = keys.toArray(Expr[]::new);
        this.aggregates = new Aggregates(aggregates);
        Keys.checkKeyIndexes(layout, this.keys.length, aggregates.size(), true);
        this.output = new GroupOutput(layout, having, Objects.requireNonNull(downstream, "downstream"));
    }

    @Override
    public void row(long rowtime, Object[] values) {
        Object window = monotonicKey.eval(rowtime, values);
        if (open && !Objects.equals(window, currentWindow)) {
            close(rowtime);
        }
        Object key = Keys.of(keys, rowtime, values);
        aggregates.evaluate(rowtime, values);
        if (!open) {
            open = true;
            currentWindow = window;
            firstRowtime = rowtime;
        }
        Accumulator[] accumulators = groups.get(key);
        if (accumulators == null) {
            accumulators = aggregates.newAccumulators();
            groups.put(key, accumulators);
        }
        aggregates.addTo(accumulators);
    }

    @Override
    public void bound(long rowtime) {
        if (open && windowEnd != null && endOf(currentWindow) <= rowtime) {
            close(rowtime);
        }
        output.bound(rowtime);
    }

    @Override
    public long retainedFloor() {
        return open ? firstRowtime : Long.MAX_VALUE;
    }

    private void close(long now) {
        long emitAt = windowEnd == null ? now : endOf(currentWindow);
        Object window = currentWindow;
        open = false;
        currentWindow = null;
        firstRowtime = Long.MAX_VALUE;
        // cleared before emitting, so that a failing HAVING cannot leave a closed window behind
        Map.Entry<?, ?>[] closed = groups.entrySet().toArray(Map.Entry[]::new);
        groups.clear();
        for (Map.Entry<?, ?> group : closed) {
            output.emit(emitAt, window, group.getKey(), (Accumulator[]) group.getValue());
        }
    }

    private long endOf(Object window) {
        if (!(window instanceof Long start)) {
            throw new IllegalStateException("a ROWTIME-derived window key must be a TIMESTAMP, got " + window);
        }
        return windowEnd.applyAsLong(start);
    }
}
