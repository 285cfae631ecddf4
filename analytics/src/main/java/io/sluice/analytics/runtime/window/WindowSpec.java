package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.Expr;

import java.util.List;
import java.util.Objects;

/**
 * One named (or inline) window of a SELECT, {@code WINDOW W AS (PARTITION BY ... RANGE|ROWS ... PRECEDING)},
 * with the calls computed over it ({@code SUM(x) OVER W}, {@code LAG(x) OVER W}, ...). Windows are ordered by
 * ROWTIME implicitly, as in KDA. Immutable.
 */
public record WindowSpec(List<Expr> partitionBy, Frame frame, List<WindowCall> calls) {

    public WindowSpec {
        partitionBy = List.copyOf(partitionBy);
        Objects.requireNonNull(frame, "frame");
        calls = List.copyOf(calls);
    }
}
