package io.sluice.analytics.plan;

import io.sluice.analytics.function.AggregateFunction;
import io.sluice.analytics.type.SqlType;

import java.util.List;

/**
 * The one seam through which the planner finds functions, operators and conversions: everything the SQL calls by
 * name (arithmetic, comparisons, LIKE, string and date functions, aggregates) and the casts CAST and INSERT apply.
 * The planner itself evaluates only what decides control flow: AND, OR, NOT, IS [NOT] NULL, CASE.
 *
 * <p><b>Threading</b>: implementations are immutable and thread-safe; what they return is used on a run's thread.
 */
public interface FunctionLibrary {

    /**
     * A scalar function or operator for these argument types ({@code null} for an untyped NULL literal);
     * {@code constantArgs} holds the value of each literal argument and null elsewhere.
     */
    BoundScalar scalar(String name, List<SqlType> argTypes, List<Object> constantArgs) throws LookupException;

    /** Whether {@code name} names a scalar or aggregate function, whatever its arguments. */
    boolean knows(String name);

    /** Whether {@code name} names an aggregate function (so a call of it in a select list groups rows). */
    boolean isAggregate(String name);

    AggregateFunction aggregate(String name, List<SqlType> argTypes, List<Object> constantArgs, boolean distinct)
            throws LookupException;

    /** CAST(x AS to). */
    Conversion cast(SqlType from, SqlType to) throws LookupException;

    /** The assignment of a value to a column of type {@code to}, as INSERT does (VARCHAR(n) truncates). */
    Conversion assign(SqlType from, SqlType to) throws LookupException;

    /** The type CASE branches of these types share. */
    SqlType commonType(List<SqlType> types) throws LookupException;

    /**
     * A scalar bound to its argument types: its result type and how to build its evaluation over arguments. A
     * function returning a ROW (the log parsers) has a {@code rowType} instead of a {@code returnType}; its value
     * is an {@code Object[]} in that row type's columns.
     */
    record BoundScalar(SqlType returnType, io.sluice.analytics.type.RowType rowType, Binder binder) {
    }

    /** Builds the expression that evaluates a function over its already compiled arguments. */
    @FunctionalInterface
    interface Binder {
        io.sluice.analytics.runtime.Expr bind(io.sluice.analytics.runtime.Expr[] args);
    }

    /** A conversion of one value (never called with null: null converts to null). */
    @FunctionalInterface
    interface Conversion {
        Object apply(Object value);
    }

    /** A name or signature the library does not have; the message is for the user. */
    final class LookupException extends Exception {
        public LookupException(String message) {
            super(message, null, false, false);
        }
    }
}
