package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.runtime.Stateful;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * Streaming ORDER BY whose first key is monotonic, {@code ORDER BY FLOOR(ROWTIME TO SECOND), ANOMALY_SCORE
 * DESC}: rows are held while the monotonic key keeps its value, then sorted by the other keys and emitted.
 *
 * <p><b>Emission</b>: when a row arrives whose monotonic value differs from the held rows' one, or (when the
 * planner gives {@code windowEnd}, the end ROWTIME of a ROWTIME-derived value) a rowtime bound reaches that end,
 * the held rows are emitted sorted (stable: ties keep arrival order). Each keeps its ROWTIME, raised to the last
 * ROWTIME emitted when sorting put it after a later row, so output ROWTIME never decreases. A bound passed
 * downstream never exceeds the oldest held row's ROWTIME.
 *
 * <p>Values compare by their natural order (the planner makes a key's values one type); binary values compare
 * as unsigned bytes.
 *
 * <p><b>Threading</b>: single-threaded, as {@link RowReceiver}.
 */
public final class OrderBy implements RowReceiver, Stateful {

    private final Expr monotonicKey;
    private final LongUnaryOperator windowEnd;
    private final SortKey[] keys;
    private final RowReceiver downstream;

    private final List<Held> held = new ArrayList<>();
    private Object currentValue;
    private long lastEmitted = Long.MIN_VALUE;
    private long lastBound = Long.MIN_VALUE;

    /**
     * @param monotonicKey the leading, monotonic ORDER BY expression
     * @param windowEnd    the end ROWTIME of a value of {@code monotonicKey} when it is derived from ROWTIME
     *                     (for example {@code v + 1000} for FLOOR(ROWTIME TO SECOND)), else null
     * @param keys         the ORDER BY keys that follow it
     * @param downstream   receives the sorted rows and bounds
     */
    public OrderBy(Expr monotonicKey, LongUnaryOperator windowEnd, List<SortKey> keys, RowReceiver downstream) {
        this.monotonicKey = Objects.requireNonNull(monotonicKey, "monotonicKey");
        this.windowEnd = windowEnd;
        this.keys = keys.toArray(SortKey[]::new);
        this.downstream = Objects.requireNonNull(downstream, "downstream");
    }

    @Override
    public void row(long rowtime, Object[] values) {
        Object value = monotonicKey.eval(rowtime, values);
        Object[] sortValues = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            sortValues[i] = keys[i].expr().eval(rowtime, values);
        }
        if (!held.isEmpty() && !Objects.equals(value, currentValue)) {
            flush();
        }
        currentValue = value;
        held.add(new Held(rowtime, values, sortValues));
    }

    @Override
    public void bound(long rowtime) {
        if (!held.isEmpty() && windowEnd != null && currentValue instanceof Long start
                && windowEnd.applyAsLong(start) <= rowtime) {
            flush();
        }
        long safe = held.isEmpty() ? rowtime : Math.min(rowtime, held.get(0).rowtime);
        if (safe > lastBound) {
            lastBound = safe;
            downstream.bound(safe);
        }
    }

    @Override
    public long retainedFloor() {
        return held.isEmpty() ? Long.MAX_VALUE : held.get(0).rowtime;
    }

    private void flush() {
        Held[] rows = held.toArray(Held[]::new);
        held.clear();
        Arrays.sort(rows, this::compare);
        for (Held row : rows) {
            lastEmitted = Math.max(lastEmitted, row.rowtime);
            downstream.row(lastEmitted, row.values);
        }
    }

    private int compare(Held a, Held b) {
        for (int i = 0; i < keys.length; i++) {
            int order = compareValues(a.sortValues[i], b.sortValues[i], keys[i]);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b, SortKey key) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == key.nullsFirst() ? -1 : 1;
        }
        int order = a instanceof byte[] x && b instanceof byte[] y
                ? Arrays.compareUnsigned(x, y)
                : ((Comparable) a).compareTo(b);
        return key.descending() ? -order : order;
    }

    private record Held(long rowtime, Object[] values, Object[] sortValues) {
    }
}
