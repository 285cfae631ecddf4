package io.sluice.analytics.type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a stream or table, in order; a row's {@code Object[]} holds one value per column at the same
 * index (ROWTIME is not among them: a stream row carries it beside its values). Immutable.
 */
public final class RowType {

    private final List<Column> columns;
    private final Map<String, Integer> index;

    public RowType(List<Column> columns) {
        this.columns = List.copyOf(columns);
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < this.columns.size(); i++) {
            if (byName.putIfAbsent(this.columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate column " + this.columns.get(i).name());
            }
        }
        this.index = Collections.unmodifiableMap(byName);
    }

    public static RowType of(Column... columns) {
        return new RowType(List.of(columns));
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public Column column(int i) {
        return columns.get(i);
    }

    /** The position of a column by its exact (already case-folded) name, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** The columns {@code *} expands to. */
    public List<Column> visible() {
        List<Column> out = new ArrayList<>();
        for (Column c : columns) {
            if (!c.hidden()) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowType other && columns.equals(other.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return columns.toString();
    }
}
