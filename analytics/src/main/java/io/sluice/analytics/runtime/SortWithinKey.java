package io.sluice.analytics.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Streaming ORDER BY whose first item is monotonic in ROWTIME ({@code FLOOR(ROWTIME TO SECOND)}): rows are held
 * while that key stays the same and sorted by the remaining items when a row or a rowtime bound changes it. The
 * key is evaluated over ROWTIME alone for a bound, which is why it may name no column. Every row of a sorted
 * group leaves with the group's latest ROWTIME, the moment its order was known, so ROWTIME stays monotonic.
 *
 * <p><b>Threading</b>: single-threaded, the run's thread.
 */
public final class SortWithinKey implements RowReceiver, Stateful {

    private static final Object[] NO_COLUMNS = new Object[0];

    private final Expr key;
    private final Expr[] sortKeys;
    private final Comparator<Object[]> order;
    private final RowReceiver downstream;
    private final List<Held> held = new ArrayList<>();
    private Object currentKey;
    private long floor = Long.MAX_VALUE;
    private long latest = Long.MIN_VALUE;

    private record Held(long rowtime, Object[] values, Object[] sortValues) {
    }

    /**
     * @param key        the leading monotonic ORDER BY item, a function of ROWTIME
     * @param sortKeys   the remaining items, over the row
     * @param order      compares two rows' {@code sortKeys} values (directions and NULL placement included)
     */
    public SortWithinKey(Expr key, Expr[] sortKeys, Comparator<Object[]> order, RowReceiver downstream) {
        this.key = key;
        this.sortKeys = sortKeys.clone();
        this.order = order;
        this.downstream = downstream;
    }

    @Override
    public void row(long rowtime, Object[] values) {
        Object k = key.eval(rowtime, values);
        Object[] sortValues = new Object[sortKeys.length];
        for (int i = 0; i < sortKeys.length; i++) {
            sortValues[i] = sortKeys[i].eval(rowtime, values);
        }
        if (!held.isEmpty() && !Objects.equals(k, currentKey)) {
            flush();
        }
        currentKey = k;
        if (held.isEmpty()) {
            floor = rowtime;
        }
        latest = Math.max(latest, rowtime);
        held.add(new Held(rowtime, values, sortValues));
    }

    @Override
    public void bound(long rowtime) {
        if (!held.isEmpty() && !Objects.equals(key.eval(rowtime, NO_COLUMNS), currentKey)) {
            flush();
        }
        downstream.bound(rowtime);
    }

    private void flush() {
        List<Held> group = new ArrayList<>(held);
        held.clear();
        floor = Long.MAX_VALUE;
        group.sort((a, b) -> order.compare(a.sortValues(), b.sortValues()));
        for (Held h : group) {
            downstream.row(latest, h.values());
        }
    }

    @Override
    public long retainedFloor() {
        return floor;
    }
}
