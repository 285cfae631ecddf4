package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.Expr;

import java.util.Arrays;
import java.util.List;

/**
 * Turns the evaluated key expressions of a row into a hash-map key without allocating for the common cases: no
 * key is one shared object, a single key is its own value (SQL NULL as a marker), several keys are an
 * {@link ArrayKey}. NULL keys equal each other, as GROUP BY and PARTITION BY require. Stateless.
 */
final class Keys {

    /** The only key when there are no key expressions. */
    static final Object NONE = new Marker("no key");

    private static final Object NULL = new Marker("NULL");

    private Keys() {
    }

    static Object of(Expr[] exprs, long rowtime, Object[] row) {
        switch (exprs.length) {
            case 0:
                return NONE;
            case 1:
                return single(exprs[0].eval(rowtime, row));
            default:
                Object[] values = new Object[exprs.length];
                for (int i = 0; i < exprs.length; i++) {
                    values[i] = exprs[i].eval(rowtime, row);
                }
                return new ArrayKey(values);
        }
    }

    /** The key of a table row whose key values sit in {@code columns}. */
    static Object ofColumns(int[] columns, Object[] row) {
        if (columns.length == 1) {
            return single(row[columns[0]]);
        }
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = row[columns[i]];
        }
        return new ArrayKey(values);
    }

    /** True when some key value is SQL NULL: an equi-join never matches it. */
    static boolean hasNull(Object key) {
        if (key == NULL) {
            return true;
        }
        if (key instanceof ArrayKey arrayKey) {
            for (Object value : arrayKey.values) {
                if (value == null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The value of the i-th key expression of {@code key}. */
    static Object value(Object key, int index) {
        if (key instanceof ArrayKey arrayKey) {
            return arrayKey.values[index];
        }
        return key == NULL || key == NONE ? null : key;
    }

    static void checkKeyIndexes(List<GroupColumn> layout, int keys, int aggregates, boolean windowKey) {
        for (GroupColumn column : layout) {
            switch (column) {
                case GroupColumn.Key k -> {
                    if (k.index() < 0 || k.index() >= keys) {
                        throw new IllegalArgumentException("no key " + k.index() + " among " + keys);
                    }
                }
                case GroupColumn.Aggregate a -> {
                    if (a.index() < 0 || a.index() >= aggregates) {
                        throw new IllegalArgumentException("no aggregate " + a.index() + " among " + aggregates);
                    }
                }
                case GroupColumn.WindowKey w -> {
                    if (!windowKey) {
                        throw new IllegalArgumentException("this operator has no monotonic window key");
                    }
                }
            }
        }
    }

    private static Object single(Object value) {
        if (value == null) {
            return NULL;
        }
        // arrays compare by identity; wrap them so that equal bytes make equal keys
        return value instanceof byte[] ? new ArrayKey(new Object[] {value}) : value;
    }

    /** Several key values (or one binary value), compared element by element. */
    static final class ArrayKey {

        private final Object[] values;
        private final int hash;

        ArrayKey(Object[] values) {
            this.values = values;
            this.hash = Arrays.deepHashCode(values);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ArrayKey that && hash == that.hash && Arrays.deepEquals(values, that.values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Marker(String name) {
        @Override
        public String toString() {
            return name;
        }
    }
}
