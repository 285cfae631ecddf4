package io.sluice.analytics.function;

import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;

/**
 * A scalar function or operator resolved for its argument types. {@code rowType} is non-null only for the functions
 * that return a ROW (the log parsers): their value is an {@code Object[]} with one element per column of it, and
 * {@code returnType} is then null.
 *
 * <p><b>Threading</b>: immutable; {@link Impl}s are safe to call from any thread (those that cache a compiled
 * non-constant pattern keep it in an immutable holder, so a race only compiles twice).
 */
public record ResolvedScalar(String name, SqlType returnType, RowType rowType, Impl impl) {

    /** The evaluation of one call: the evaluated arguments in, the value out (null is SQL NULL). */
    @FunctionalInterface
    public interface Impl {

        /** @throws io.sluice.analytics.runtime.EvaluationException when this row's arguments cannot be evaluated */
        Object apply(Object[] args);
    }

    static ResolvedScalar of(String name, SqlType returnType, Impl impl) {
        return new ResolvedScalar(name, returnType, null, impl);
    }

    static ResolvedScalar row(String name, RowType rowType, Impl impl) {
        return new ResolvedScalar(name, null, rowType, impl);
    }
}
