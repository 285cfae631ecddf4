package io.sluice.analytics.plan;

import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;

/**
 * A compiled expression with its SQL type ({@code null} for an untyped NULL literal, and for a ROW value, whose
 * columns {@code row} gives); {@code constant} says it is a literal whose value is {@code value}, which functions
 * may need at planning time (formats, units).
 */
record Typed(Expr expr, SqlType type, boolean constant, Object value, RowType row) {

    static Typed of(Expr expr, SqlType type) {
        return new Typed(expr, type, false, null, null);
    }

    static Typed literal(Object value, SqlType type) {
        return new Typed((rowtime, row) -> value, type, true, value, null);
    }

    /** A ROW value ({@code Object[]} in {@code row}'s columns). */
    static Typed row(Expr expr, RowType row) {
        return new Typed(expr, null, false, null, row);
    }
}
