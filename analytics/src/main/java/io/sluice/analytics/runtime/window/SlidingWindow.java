package io.sluice.analytics.runtime.window;

import io.sluice.analytics.function.Accumulator;
import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.runtime.Stateful;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sliding (OVER) windows: {@code agg(x) OVER W ... WINDOW W AS (PARTITION BY k RANGE INTERVAL '1' MINUTE
 * PRECEDING | ROWS n PRECEDING)}, with several windows in one SELECT.
 *
 * <p><b>Emission</b> (KDA's rule): one output row per input row, immediately, with every call computed over its
 * window ending at (and including) that row; a row falling out of a window emits nothing. The output row is the
 * input row's values followed by one column per call, windows in the order given and each window's calls in
 * order; its ROWTIME is the input row's. The planner projects the SELECT list from that row.
 *
 * <p><b>Aggregates</b>: a window that loses rows retracts them from a {@linkplain
 * io.sluice.analytics.function.AggregateFunction#retractable() retractable} aggregate; MIN and MAX (a function of
 * that name with one argument) are kept by a monotonic deque ({@link SlidingExtreme}, the accumulator is not
 * used); any other aggregate is recomputed over the window's remaining rows when next asked (O(window) per row
 * that follows an eviction). RANGE windows drop their expired rows also on rowtime bounds, so a partition that
 * goes quiet gives its rows up (a ROWS window keeps a quiet partition's last rows: they are still its window);
 * {@link #retainedFloor()} is the oldest ROWTIME still held by any window.
 *
 * <p>A row whose partition keys, arguments or LAG defaults fail to evaluate throws before any window changes.
 *
 * <p><b>Threading</b>: single-threaded, as {@link RowReceiver}.
 */
public final class SlidingWindow implements RowReceiver, Stateful {

    private final WindowState[] windows;
    private final int callCount;
    private final RowReceiver downstream;

    public SlidingWindow(List<WindowSpec> windows, RowReceiver downstream) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a sliding window operator needs at least one window");
        }
        this.windows = new WindowState[windows.size()];
        int offset = 0;
        for (int i = 0; i < windows.size(); i++) {
            this.windows[i] = new WindowState(windows.get(i), offset);
            offset += windows.get(i).calls().size();
        }
        this.callCount = offset;
        this.downstream = Objects.requireNonNull(downstream, "downstream");
    }

    @Override
    public void row(long rowtime, Object[] values) {
        Entry[] entries = new Entry[windows.length];
        for (int i = 0; i < windows.length; i++) {
            entries[i] = windows[i].evaluate(rowtime, values);
        }
        Object[] out = new Object[values.length + callCount];
        System.arraycopy(values, 0, out, 0, values.length);
        for (int i = 0; i < windows.length; i++) {
            windows[i].add(entries[i], rowtime, out, values.length);
        }
        downstream.row(rowtime, out);
    }

    @Override
    public void bound(long rowtime) {
        for (WindowState window : windows) {
            window.expire(rowtime);
        }
        downstream.bound(rowtime);
    }

    @Override
    public long retainedFloor() {
        long floor = Long.MAX_VALUE;
        for (WindowState window : windows) {
            floor = Math.min(floor, window.retainedFloor());
        }
        return floor;
    }

    /** One window's partitions and calls. */
    private static final class WindowState {

        private final Expr[] partitionBy;
        private final boolean byRange;
        private final long rangeMillis;
        private final int maxRows;
        private final AggregateCall[] aggregates;
        private final int[] aggregateColumn;
        private final NavigationCall[] navigations;
        private final int[] navigationColumn;

        private final Map<Object, Partition> partitions = new HashMap<>();
        /** RANGE windows: every held row in ROWTIME order, to expire rows of partitions that receive none. */
        private final ArrayDeque<Entry> arrivals = new ArrayDeque<>();

        WindowState(WindowSpec spec, int firstColumn) {
            this.partitionBy = spec.partitionBy().toArray(Expr[]::new);
            switch (spec.frame()) {
                case Frame.Range range -> {
                    this.byRange = true;
                    this.rangeMillis = range.millis();
                    this.maxRows = Integer.MAX_VALUE;
                }
                case Frame.Rows rows -> {
                    this.byRange = false;
                    this.rangeMillis = 0;
                    this.maxRows = rows.preceding() == Integer.MAX_VALUE ? Integer.MAX_VALUE : rows.preceding() + 1;
                }
            }
            List<AggregateCall> aggs = new ArrayList<>();
            List<Integer> aggColumns = new ArrayList<>();
            List<NavigationCall> navs = new ArrayList<>();
            List<Integer> navColumns = new ArrayList<>();
            for (int i = 0; i < spec.calls().size(); i++) {
                switch (spec.calls().get(i)) {
                    case AggregateCall a -> {
                        aggs.add(a);
                        aggColumns.add(firstColumn + i);
                    }
                    case NavigationCall n -> {
                        navs.add(n);
                        navColumns.add(firstColumn + i);
                    }
                }
            }
            this.aggregates = aggs.toArray(AggregateCall[]::new);
            this.aggregateColumn = aggColumns.stream().mapToInt(Integer::intValue).toArray();
            this.navigations = navs.toArray(NavigationCall[]::new);
            this.navigationColumn = navColumns.stream().mapToInt(Integer::intValue).toArray();
        }

        /** Evaluates everything the row contributes; changes nothing. */
        Entry evaluate(long rowtime, Object[] values) {
            Object key = Keys.of(partitionBy, rowtime, values);
            Object[][] args = new Object[aggregates.length][];
            for (int i = 0; i < aggregates.length; i++) {
                Expr[] exprs = aggregates[i].args();
                Object[] evaluated = new Object[exprs.length];
                for (int j = 0; j < exprs.length; j++) {
                    evaluated[j] = exprs[j].eval(rowtime, values);
                }
                args[i] = evaluated;
            }
            Object[] navValues = new Object[navigations.length];
            Object[] navDefaults = null;
            for (int i = 0; i < navigations.length; i++) {
                navValues[i] = navigations[i].value().eval(rowtime, values);
                Expr defaultValue = navigations[i].defaultValue();
                if (defaultValue != null) {
                    if (navDefaults == null) {
                        navDefaults = new Object[navigations.length];
                    }
                    navDefaults[i] = defaultValue.eval(rowtime, values);
                }
            }
            return new Entry(rowtime, key, args, navValues, navDefaults);
        }

        void add(Entry entry, long rowtime, Object[] out, int base) {
            if (byRange) {
                expire(rowtime);
            }
            Partition partition = partitions.get(entry.key);
            if (partition == null) {
                partition = new Partition(entry.key, aggregates);
                partitions.put(entry.key, partition);
            }
            if (!byRange) {
                while (partition.rows.size() >= maxRows) {
                    partition.evictOldest(aggregates);
                }
            }
            entry.partition = partition;
            partition.rows.addLast(entry);
            if (byRange) {
                arrivals.addLast(entry);
            }
            for (int i = 0; i < aggregates.length; i++) {
                SlidingExtreme extreme = partition.extremes[i];
                if (extreme != null) {
                    extreme.add(entry, entry.args[i][0]);
                    out[base + aggregateColumn[i]] = extreme.result();
                    continue;
                }
                if (partition.stale[i]) {
                    partition.recompute(i, aggregates[i]);
                } else {
                    partition.accumulators[i].add(entry.args[i]);
                }
                out[base + aggregateColumn[i]] = partition.accumulators[i].result();
            }
            for (int i = 0; i < navigations.length; i++) {
                out[base + navigationColumn[i]] = navigate(navigations[i], i, partition.rows, entry);
            }
            entry.navDefaults = null;
        }

        /** RANGE windows: drops the rows no window ending at or after {@code now} contains. */
        void expire(long now) {
            if (!byRange) {
                return;
            }
            long oldestKept = Frame.oldestInRange(now, rangeMillis);
            Entry oldest;
            while ((oldest = arrivals.peekFirst()) != null && oldest.rowtime < oldestKept) {
                arrivals.pollFirst();
                Partition partition = oldest.partition;
                partition.evictOldest(aggregates);
                if (partition.rows.size() == 0) {
                    partitions.remove(partition.key);
                }
            }
        }

        long retainedFloor() {
            if (byRange) {
                Entry oldest = arrivals.peekFirst();
                return oldest == null ? Long.MAX_VALUE : oldest.rowtime;
            }
            long floor = Long.MAX_VALUE;
            for (Partition partition : partitions.values()) {
                floor = Math.min(floor, partition.rows.peekFirst().rowtime);
            }
            return floor;
        }

        private static Object navigate(NavigationCall call, int index, RowRing<Entry> rows, Entry current) {
            int size = rows.size();
            int last = size - 1 - (call.skipCurrent() ? 1 : 0);
            if (!call.ignoreNulls()) {
                int position = call.fromLast() ? last - (call.n() - 1) : call.n() - 1;
                if (position >= 0 && position <= last) {
                    return rows.get(position).navValues[index];
                }
            } else {
                int counted = 0;
                int step = call.fromLast() ? -1 : 1;
                for (int i = call.fromLast() ? last : 0; i >= 0 && i <= last; i += step) {
                    Object value = rows.get(i).navValues[index];
                    if (value != null && ++counted == call.n()) {
                        return value;
                    }
                }
            }
            return current.navDefaults == null ? null : current.navDefaults[index];
        }
    }

    /** The rows of one partition of one window, oldest first, and its running aggregates. */
    private static final class Partition {

        final Object key;
        final RowRing<Entry> rows = new RowRing<>();
        final Accumulator[] accumulators;
        /** MIN and MAX: kept by a deque instead of their accumulator. */
        final SlidingExtreme[] extremes;
        /** Aggregates that lost a row they cannot retract: recomputed before their next result. */
        final boolean[] stale;

        Partition(Object key, AggregateCall[] aggregates) {
            this.key = key;
            this.accumulators = new Accumulator[aggregates.length];
            this.extremes = new SlidingExtreme[aggregates.length];
            for (int i = 0; i < aggregates.length; i++) {
                extremes[i] = SlidingExtreme.forAggregate(aggregates[i]);
                accumulators[i] = extremes[i] == null ? aggregates[i].fn().factory().get() : null;
            }
            this.stale = new boolean[aggregates.length];
        }

        void evictOldest(AggregateCall[] aggregates) {
            Entry evicted = rows.pollFirst();
            for (int i = 0; i < aggregates.length; i++) {
                if (extremes[i] != null) {
                    extremes[i].remove(evicted);
                    continue;
                }
                if (stale[i]) {
                    continue;
                }
                if (aggregates[i].fn().retractable()) {
                    accumulators[i].retract(evicted.args[i]);
                } else {
                    stale[i] = true;
                }
            }
        }

        void recompute(int index, AggregateCall aggregate) {
            Accumulator fresh = aggregate.fn().factory().get();
            for (int i = 0; i < rows.size(); i++) {
                fresh.add(rows.get(i).args[index]);
            }
            accumulators[index] = fresh;
            stale[index] = false;
        }
    }

    /** One input row as one window holds it: its evaluated arguments and navigation values. */
    private static final class Entry {

        final long rowtime;
        final Object key;
        final Object[][] args;
        final Object[] navValues;
        /** LAG defaults evaluated on this row, needed only while it is the current row. */
        Object[] navDefaults;
        Partition partition;

        Entry(long rowtime, Object key, Object[][] args, Object[] navValues, Object[] navDefaults) {
            this.rowtime = rowtime;
            this.key = key;
            this.args = args;
            this.navValues = navValues;
            this.navDefaults = navDefaults;
        }
    }
}
