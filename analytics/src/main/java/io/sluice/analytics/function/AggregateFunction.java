package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;

import java.util.function.Supplier;

/**
 * An aggregate resolved for its argument types: its result type and a factory of fresh accumulators.
 * {@code retractable} says {@link Accumulator#retract} is exact (SUM, COUNT, AVG, the variances), so a
 * sliding window can remove a row instead of recomputing.
 */
public record AggregateFunction(String name, SqlType returnType, Supplier<Accumulator> factory,
                                boolean retractable) {
}
