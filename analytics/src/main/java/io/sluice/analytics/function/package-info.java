/**
 * The function library of the KDA SQL runtime, over the value representation of
 * {@link io.sluice.analytics.type.SqlTypeName}.
 *
 * <p>What the planner calls:
 * <ul>
 *   <li>{@link io.sluice.analytics.function.ScalarFunctions#resolve} for every operator and scalar function (its
 *       javadoc lists the calling conventions: keyword forms as plain arguments, literal arguments passed as
 *       constants, the run's start time appended to CURRENT_TIMESTAMP and friends, the row's wall clock appended
 *       to CURRENT_ROW_TIMESTAMP); the result's {@code Impl} is evaluated per row.</li>
 *   <li>{@link io.sluice.analytics.function.AggregateFunctions#resolve} for aggregates (ROWTIME appended to
 *       EXP_AVG; null treatment in the name of FIRST_VALUE and LAST_VALUE).</li>
 *   <li>{@link io.sluice.analytics.function.Casts} for CAST and for storing a value into a stream column;
 *       {@link io.sluice.analytics.function.TypeRules} for the types of CASE, UNION, IN and the operators.</li>
 * </ul>
 * A call that does not resolve throws {@link io.sluice.analytics.function.FunctionResolutionException}; a row that
 * cannot be evaluated throws {@link io.sluice.analytics.runtime.EvaluationException} ({@code Data Exception}).
 */
package io.sluice.analytics.function;
