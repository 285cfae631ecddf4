package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.Expr;

import java.util.List;

/**
 * One input of a {@link StreamJoin}: its row width, its equi-join key expressions (evaluated on its own rows;
 * the other side lists the matching expressions in the same order, of the same types, since keys compare with
 * {@code equals}), its window, and whether its unmatched rows are kept (the LEFT side of a LEFT JOIN, the right
 * side of a RIGHT JOIN, both of a FULL JOIN).
 *
 * @param width        the number of columns of this side's rows
 * @param keys         equi-join keys; empty when the ON condition has none (every pair is tested by the
 *                     residual)
 * @param windowed     whether the side has {@code OVER (RANGE INTERVAL ... PRECEDING)}; without it only the
 *                     side's current row takes part in the join and the side holds no rows
 * @param rangeMillis  the window's interval (0 is {@code RANGE CURRENT ROW}); ignored when not windowed
 * @param preserved    the side's rows are emitted with NULLs for the other side when nothing matched them
 *
 * <p>Immutable.
 */
public record JoinSide(int width, List<Expr> keys, boolean windowed, long rangeMillis, boolean preserved) {

    public JoinSide {
        keys = List.copyOf(keys);
        if (width < 0 || rangeMillis < 0) {
            throw new IllegalArgumentException("a join side needs a width and a range of at least 0");
        }
    }

    /** A side with {@code OVER (RANGE INTERVAL rangeMillis PRECEDING)}. */
    public static JoinSide windowed(int width, List<Expr> keys, long rangeMillis, boolean preserved) {
        return new JoinSide(width, keys, true, rangeMillis, preserved);
    }

    /** A side without a window: only its current row joins. */
    public static JoinSide current(int width, List<Expr> keys, boolean preserved) {
        return new JoinSide(width, keys, false, 0, preserved);
    }
}
