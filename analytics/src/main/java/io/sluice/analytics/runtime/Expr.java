package io.sluice.analytics.runtime;

/**
 * A compiled scalar expression over one row: the values of the row's columns and its ROWTIME. Returns values in
 * the representation of {@link io.sluice.analytics.type.SqlTypeName}; null is SQL NULL. A row the expression
 * cannot evaluate (division by zero, a failed cast) throws {@link EvaluationException}, and that row goes to
 * {@code error_stream}. Stateless unless documented (LAG and friends are operators, not expressions).
 */
@FunctionalInterface
public interface Expr {

    Object eval(long rowtime, Object[] row);
}
