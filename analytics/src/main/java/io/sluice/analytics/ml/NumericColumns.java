package io.sluice.analytics.ml;

import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a cursor that KDA's machine-learning functions use: the visible DOUBLE, FLOAT, REAL, BIGINT,
 * INTEGER, SMALLINT and TINYINT columns, in cursor order. DECIMAL is not among them (KDA: "DECIMAL is not a
 * supported type. Use DOUBLE instead"); like the other non-numeric columns it is carried through unused.
 * Immutable.
 */
final class NumericColumns {

    private final int[] positions;
    private final List<String> names;

    private NumericColumns(int[] positions, List<String> names) {
        this.positions = positions;
        this.names = names;
    }

    /** The numeric columns of {@code input}; fails when there is none or more than {@code max}. */
    static NumericColumns of(String function, RowType input, int max) throws TableFunctionException {
        List<Integer> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            Column c = input.column(i);
            if (!c.hidden() && isUsable(c.type().name())) {
                found.add(i);
                names.add(c.name());
            }
        }
        if (found.isEmpty()) {
            throw new TableFunctionException(function + " needs at least one numeric column in its CURSOR (DOUBLE, "
                    + "INTEGER, FLOAT, TINYINT, SMALLINT, REAL or BIGINT; DECIMAL is not supported, use DOUBLE)");
        }
        if (found.size() > max) {
            throw new TableFunctionException(function + " accepts at most " + max + " numeric columns in its CURSOR, "
                    + "but it has " + found.size() + " " + names);
        }
        return new NumericColumns(found.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(names));
    }

    private static boolean isUsable(SqlTypeName type) {
        return type.isNumeric() && type != SqlTypeName.DECIMAL;
    }

    int count() {
        return positions.length;
    }

    List<String> names() {
        return names;
    }

    /**
     * Copies the row's numeric values into {@code into}; false when one of them is NULL, NaN or infinite, which
     * makes the row a point no model can place.
     */
    boolean read(Object[] row, double[] into) {
        for (int i = 0; i < positions.length; i++) {
            Object value = row[positions[i]];
            if (value == null) {
                return false;
            }
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                return false;
            }
            into[i] = d;
        }
        return true;
    }
}
