/**
 * The KDA SQL planner: {@link io.sluice.analytics.plan.KdaCompiler} turns application code into a
 * {@link io.sluice.analytics.program.CompiledProgram} whose runs are graphs of push-based operators.
 *
 * <h2>How SQL maps onto operators</h2>
 * <ul>
 *   <li>{@code CREATE STREAM s (...)} → a {@link io.sluice.analytics.runtime.StreamHub} per run: every reader
 *       (pump) gets each row, the run's {@code RowSink} gets it under the stream's name; ROWTIME is hidden and
 *       kept monotonic per stream. Input streams (the catalog's) are hubs the run's {@code push} writes.</li>
 *   <li>{@code CREATE PUMP p AS INSERT INTO s [(cols)] query} → the query's operators, then a
 *       {@link io.sluice.analytics.runtime.Project} assigning its columns to the stream's columns by position
 *       (converted as INSERT converts, VARCHAR(n) truncated, unlisted columns NULL), then the stream. The pump
 *       subscribes to what it reads through a {@link io.sluice.analytics.runtime.PumpGuard}, which turns a row's
 *       {@link io.sluice.analytics.runtime.EvaluationException} into an {@code error_stream} row naming the
 *       pump.</li>
 *   <li>{@code SELECT STREAM} → source, then WHERE ({@link io.sluice.analytics.runtime.Filter}), then grouping or
 *       windows, then the select list ({@link io.sluice.analytics.runtime.Project}), then ORDER BY. FROM takes a
 *       stream, a subquery, {@code TABLE(FN(CURSOR(...), ...))} (the ML and sketch table functions), or a
 *       join.</li>
 *   <li>{@code GROUP BY} with an expression monotonic in ROWTIME ({@code STEP(ROWTIME BY ...)},
 *       {@code FLOOR|CEIL(ROWTIME TO unit)}, ROWTIME) → {@code TumblingAggregate} (the first such expression is the
 *       window; the others are keys; HAVING is applied there); {@code WINDOWED BY STAGGER} →
 *       {@code StaggerWindow}; {@code agg OVER w} → {@code SlidingWindow} (LAG, NTH_VALUE, FIRST_VALUE,
 *       LAST_VALUE as navigation calls); a join with a reference table → {@code TableJoin}; a join of two streams
 *       with {@code OVER (RANGE ...)} on a side → {@code StreamJoin}; {@code ORDER BY} led by a monotonic
 *       expression → {@code OrderBy}. All in {@link io.sluice.analytics.runtime.window}.</li>
 *   <li>{@code q1 UNION ALL q2} → both queries, each converted to the columns' common types, merged by
 *       {@link io.sluice.analytics.runtime.Union} (monotonic ROWTIME, the least of the branches' bounds); the
 *       columns are named after the first branch.</li>
 *   <li>Expressions compile once into {@link io.sluice.analytics.runtime.Expr} lambdas with column indexes
 *       resolved; functions, operators and casts come through {@link io.sluice.analytics.plan.FunctionLibrary}
 *       ({@link io.sluice.analytics.plan.BuiltInFunctions} by default). In a grouped select, a GROUP BY expression
 *       or an aggregate reads its slot of the group's row and ROWTIME is the window's end.</li>
 * </ul>
 *
 * <h2>Refused, by name and position</h2>
 * SELECT without STREAM; SELECT DISTINCT; UNION without ALL, INTERSECT, EXCEPT, ORDER BY over a UNION ALL; an
 * aggregate without GROUP BY, STAGGER or OVER; a GROUP BY without an
 * expression monotonic in ROWTIME; {@code COUNT(DISTINCT ...)} (any DISTINCT aggregate) in a streaming GROUP BY;
 * ORDER BY not led by a monotonic expression, OFFSET, FETCH; OVER and GROUP BY in one SELECT; unbounded or
 * following window frames; window ORDER BY other than ROWTIME; subqueries inside expressions; joins other than
 * [INNER]/LEFT/RIGHT/FULL with ON, a stream-to-stream join without a window, a reference table on the left; a
 * ROW value (the log parsers) anywhere but as a select item, whose fields an outer query reads as
 * {@code t.r.COLUMN1}; unknown functions and table functions;
 * statements other than CREATE STREAM and CREATE PUMP; a pump that feeds a stream it reads.
 *
 * <p><b>Threading</b>: compiling is thread-safe and has no side effects; a run is single-threaded.
 */
package io.sluice.analytics.plan;
