package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.Expr;

import java.util.Objects;

/**
 * One ORDER BY key after the leading monotonic one: an expression, its direction and where NULLs go. SQL's
 * default puts NULLs last in ascending order and first in descending order ({@link #asc}, {@link #desc}).
 * Immutable.
 */
public record SortKey(Expr expr, boolean descending, boolean nullsFirst) {

    public SortKey {
        Objects.requireNonNull(expr, "expr");
    }

    public static SortKey asc(Expr expr) {
        return new SortKey(expr, false, false);
    }

    public static SortKey desc(Expr expr) {
        return new SortKey(expr, true, true);
    }
}
