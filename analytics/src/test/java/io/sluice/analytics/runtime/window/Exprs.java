package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.Expr;

/** Hand-compiled expressions standing in for the planner's. */
final class Exprs {

    static final Expr ROWTIME = (rowtime, row) -> rowtime;

    private Exprs() {
    }

    static Expr column(int index) {
        return (rowtime, row) -> row[index];
    }

    /** {@code STEP(e BY INTERVAL width)} on a TIMESTAMP: rounds down to a multiple of the width. */
    static Expr step(Expr e, long widthMillis) {
        return (rowtime, row) -> {
            Object value = e.eval(rowtime, row);
            return value == null ? null : Math.floorDiv((Long) value, widthMillis) * widthMillis;
        };
    }
}
