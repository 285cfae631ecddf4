package io.sluice.analytics.runtime.window;

import io.sluice.analytics.function.AggregateFunction;
import io.sluice.analytics.runtime.Expr;

import java.util.Objects;

/**
 * One aggregate of a query, compiled: the function resolved for its argument types and one expression per
 * argument, evaluated on each input row ({@code COUNT(*)} has no arguments). Used by every windowed operator
 * of this package; in a {@link SlidingWindow} it is one of a window's {@link WindowCall}s.
 *
 * <p>The operators of this package may hand an accumulator the same {@code Object[]} for several rows (tumbling
 * and stagger windows reuse one per call), so an {@link io.sluice.analytics.function.Accumulator} keeps the
 * values it needs, never the array. Immutable (the planner does not change {@code args} after building it).
 */
public record AggregateCall(AggregateFunction fn, Expr[] args) implements WindowCall {

    public AggregateCall {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(args, "args");
    }

    public static AggregateCall of(AggregateFunction fn, Expr... args) {
        return new AggregateCall(fn, args);
    }
}
