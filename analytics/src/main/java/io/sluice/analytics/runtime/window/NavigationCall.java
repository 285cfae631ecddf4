package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.Expr;

import java.util.Objects;

/**
 * A window function that returns {@code value} evaluated on one row of the window, counted from the window's
 * oldest row ({@code fromLast} false) or from its newest row, the current one ({@code fromLast} true):
 * <ul>
 *   <li>{@code LAG(expr [, n [, default]]) [IGNORE NULLS | RESPECT NULLS]}: the n-th row before the current row
 *       ({@link #lag}); when the window holds no such row, {@code defaultValue} evaluated on the current row (null
 *       without one). A null found in range stays null: the default does not replace it.</li>
 *   <li>{@code NTH_VALUE(expr, n) [FROM FIRST | FROM LAST] [IGNORE NULLS | RESPECT NULLS]}: the n-th row from the
 *       window's start (FROM FIRST, the default) or end; null when the window has fewer rows
 *       ({@link #nthValue}).</li>
 *   <li>{@code FIRST_VALUE(expr)} / {@code LAST_VALUE(expr)} with the same null treatment: NTH_VALUE 1 from
 *       first / from last ({@link #firstValue}, {@link #lastValue}).</li>
 * </ul>
 * With {@code ignoreNulls} rows whose value is null are not counted (RESPECT NULLS, counting them, is the
 * default of every one of these functions).
 *
 * @param value        the expression whose value is returned
 * @param n            the position, 1 = the first row counted
 * @param fromLast     count from the newest row backwards
 * @param skipCurrent  start counting at the row before the current one (LAG)
 * @param ignoreNulls  IGNORE NULLS
 * @param defaultValue returned when there is no such row; null means SQL NULL
 *
 * <p>Immutable.
 */
public record NavigationCall(Expr value, int n, boolean fromLast, boolean skipCurrent, boolean ignoreNulls,
                             Expr defaultValue) implements WindowCall {

    public NavigationCall {
        Objects.requireNonNull(value, "value");
        if (n < 1) {
            throw new IllegalArgumentException("the position of a navigation function starts at 1, got " + n);
        }
    }

    /** {@code LAG(value, n, defaultValue)}; {@code n} = 0 is the current row. */
    public static NavigationCall lag(Expr value, int n, Expr defaultValue, boolean ignoreNulls) {
        if (n < 0) {
            throw new IllegalArgumentException("LAG's offset cannot be negative, got " + n);
        }
        return n == 0
                ? new NavigationCall(value, 1, true, false, ignoreNulls, defaultValue)
                : new NavigationCall(value, n, true, true, ignoreNulls, defaultValue);
    }

    public static NavigationCall nthValue(Expr value, int n, boolean fromLast, boolean ignoreNulls) {
        return new NavigationCall(value, n, fromLast, false, ignoreNulls, null);
    }

    public static NavigationCall firstValue(Expr value, boolean ignoreNulls) {
        return nthValue(value, 1, false, ignoreNulls);
    }

    public static NavigationCall lastValue(Expr value, boolean ignoreNulls) {
        return nthValue(value, 1, true, ignoreNulls);
    }
}
