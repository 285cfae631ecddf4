package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.runtime.Stateful;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stream-to-reference-table join, {@code FROM s [LEFT] JOIN "T" AS t ON ...}: each stream row is looked up in
 * an in-memory table. When the ON condition has equi-join keys ({@code s.x = t.y AND ...}) the table is indexed on
 * them; the rest of the condition ({@code residual}, over the joined row, may be null) must be TRUE too. A NULL
 * key matches nothing, as in SQL.
 *
 * <p><b>Emission</b>: for each stream row, one joined row (stream columns followed by table columns) per matching
 * table row, in table order, immediately, with the stream row's ROWTIME; with {@code leftOuter}, a row that
 * matches nothing is emitted once with NULLs for the table's columns. Bounds pass through. The table can be
 * replaced while running ({@link #replace}, UpdateApplication of a reference data source); rows that follow see
 * the new table. Keys compare with {@code equals}, so the planner casts both sides of a key to one type.
 *
 * <p>The operator holds no stream rows, so its {@link #retainedFloor()} is always {@link Long#MAX_VALUE}.
 *
 * <p><b>Threading</b>: single-threaded, as {@link RowReceiver}; {@link #replace} is called on the run's thread.
 */
public final class TableJoin implements RowReceiver, Stateful {

    private final Expr[] streamKeys;
    private final int[] tableKeyColumns;
    private final int tableWidth;
    private final Expr residual;
    private final boolean leftOuter;
    private final RowReceiver downstream;

    private List<Object[]> table = List.of();
    private Map<Object, List<Object[]>> index = Map.of();

    /**
     * @param streamKeys      equi-join key expressions over the stream row
     * @param tableKeyColumns the table columns they equal, in the same order (empty: no index, every table row
     *                        is tested by the residual)
     * @param tableWidth      the number of table columns
     * @param residual        the rest of the ON condition over the joined row, or null
     * @param leftOuter       LEFT [OUTER] JOIN
     * @param initialRows     the table's rows at start
     * @param downstream      receives the joined rows and bounds
     */
    public TableJoin(List<Expr> streamKeys, int[] tableKeyColumns, int tableWidth, Expr residual,
                     boolean leftOuter, List<Object[]> initialRows, RowReceiver downstream) {
        if (streamKeys.size() != tableKeyColumns.length) {
            throw new IllegalArgumentException("each stream key needs a table key column");
        }
        for (int column : tableKeyColumns) {
            if (column < 0 || column >= tableWidth) {
                throw new IllegalArgumentException("no table column " + column + " among " + tableWidth);
            }
        }
        this.streamKeys = streamKeys.toArray(Expr[]::new);
        this.tableKeyColumns = tableKeyColumns.clone();
        this.tableWidth = tableWidth;
        this.residual = residual;
        this.leftOuter = leftOuter;
        this.downstream = Objects.requireNonNull(downstream, "downstream");
        replace(initialRows);
    }

    /** Replaces every row of the table. */
    public void replace(List<Object[]> rows) {
        for (Object[] row : rows) {
            if (row.length != tableWidth) {
                throw new IllegalArgumentException("a table row has " + row.length + " columns, not " + tableWidth);
            }
        }
        List<Object[]> copy = List.copyOf(rows);
        Map<Object, List<Object[]>> built = new HashMap<>();
        if (tableKeyColumns.length > 0) {
            for (Object[] row : copy) {
                Object key = Keys.ofColumns(tableKeyColumns, row);
                if (!Keys.hasNull(key)) {
                    built.computeIfAbsent(key, k -> new ArrayList<>(1)).add(row);
                }
            }
        }
        table = copy;
        index = built;
    }

    @Override
    public void row(long rowtime, Object[] values) {
        List<Object[]> candidates;
        if (streamKeys.length == 0) {
            candidates = table;
        } else {
            Object key = Keys.of(streamKeys, rowtime, values);
            candidates = Keys.hasNull(key) ? List.of() : index.getOrDefault(key, List.of());
        }
        boolean matched = false;
        for (Object[] tableRow : candidates) {
            Object[] joined = join(values, tableRow);
            if (residual == null || Boolean.TRUE.equals(residual.eval(rowtime, joined))) {
                matched = true;
                downstream.row(rowtime, joined);
            }
        }
        if (!matched && leftOuter) {
            downstream.row(rowtime, join(values, null));
        }
    }

    @Override
    public void bound(long rowtime) {
        downstream.bound(rowtime);
    }

    @Override
    public long retainedFloor() {
        return Long.MAX_VALUE;
    }

    private Object[] join(Object[] streamRow, Object[] tableRow) {
        Object[] joined = new Object[streamRow.length + tableWidth];
        System.arraycopy(streamRow, 0, joined, 0, streamRow.length);
        if (tableRow != null) {
            System.arraycopy(tableRow, 0, joined, streamRow.length, tableWidth);
        }
        return joined;
    }
}
