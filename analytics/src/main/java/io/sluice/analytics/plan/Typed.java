package io.sluice.analytics.plan;

import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.type.SqlType;

/**
 * A compiled expression with its SQL type ({@code null} only for an untyped NULL literal); {@code constant} says
 * it is a literal whose value is {@code value}, which functions may need at planning time (formats, units).
 */
record Typed(Expr expr, SqlType type, boolean constant, Object value) {

    static Typed of(Expr expr, SqlType type) {
        return new Typed(expr, type, false, null);
    }

    static Typed literal(Object value, SqlType type) {
        return new Typed((rowtime, row) -> value, type, true, value);
    }
}
