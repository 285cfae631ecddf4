/**
 * The stateful continuous operators of the runtime: windows, joins and streaming ORDER BY, with KDA's emission
 * rules. Each operator is a {@link io.sluice.analytics.runtime.RowReceiver} (a join hands out one per input) and a
 * {@link io.sluice.analytics.runtime.Stateful}, is configured once through its constructor with compiled pieces
 * ({@link io.sluice.analytics.runtime.Expr} for keys, arguments and predicates, {@link
 * io.sluice.analytics.runtime.window.AggregateCall} for aggregates), writes to one downstream receiver, keeps its
 * output ROWTIME non-decreasing and passes rowtime bounds on after emitting what they close. All are
 * single-threaded: the run's thread calls them.
 *
 * <h2>How the planner maps SQL onto them</h2>
 * Expressions below are written in SQL for brevity; the planner passes them compiled. {@code w} is a window's
 * width in milliseconds.
 * <ul>
 *   <li><b>GROUP BY with a monotonic key</b> → {@link io.sluice.analytics.runtime.window.TumblingAggregate}.
 *       {@code SELECT STREAM ticker, MIN(price), MAX(price) FROM S GROUP BY ticker, STEP(S.ROWTIME BY INTERVAL
 *       '60' SECOND) HAVING COUNT(*) > 1}: {@code new TumblingAggregate(STEP(ROWTIME BY 60s), v -> v + 60_000,
 *       List.of(ticker), List.of(MIN(price), MAX(price), COUNT(*)), List.of(key(0), aggregate(0), aggregate(1),
 *       aggregate(2)), row[3] > 1, project)} where {@code project} drops the HAVING-only column 3. For
 *       {@code FLOOR(ROWTIME TO MINUTE)} the end is {@code v + 60_000}; for units of varying length (MONTH) the
 *       end function computes the next unit. A monotonic key not derived from ROWTIME takes {@code null} as end.
 *       Which GROUP BY expression is the monotonic one is the planner's call.</li>
 *   <li><b>OVER windows</b> → {@link io.sluice.analytics.runtime.window.SlidingWindow}, one {@link
 *       io.sluice.analytics.runtime.window.WindowSpec} per distinct window. {@code SELECT STREAM ticker,
 *       AVG(price) OVER W1, LAG(price, 1, 0) IGNORE NULLS OVER W1 FROM S WINDOW W1 AS (PARTITION BY ticker RANGE
 *       INTERVAL '1' MINUTE PRECEDING)}: {@code new SlidingWindow(List.of(new WindowSpec(List.of(ticker),
 *       Frame.range(60_000), List.of(AggregateCall.of(AVG, price), NavigationCall.lag(price, 1, 0, true)))),
 *       project)}; the output row is the input row followed by one column per call, which {@code project} turns
 *       into the SELECT list.</li>
 *   <li><b>WINDOWED BY STAGGER</b> → {@link io.sluice.analytics.runtime.window.StaggerWindow}. {@code SELECT
 *       STREAM TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE), COUNT(TICKER_SYMBOL) ... WINDOWED BY STAGGER (PARTITION
 *       BY FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL RANGE INTERVAL '1' MINUTE)}: {@code new
 *       StaggerWindow(List.of(FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL), 60_000, List.of(COUNT(TICKER_SYMBOL)),
 *       List.of(key(1), key(0), aggregate(0)), null, downstream)}. SELECT items must be partition keys or
 *       aggregates (or expressions over them, projected afterwards).</li>
 *   <li><b>Stream-to-stream JOIN</b> → {@link io.sluice.analytics.runtime.window.StreamJoin}. {@code FROM
 *       OrderStream AS o LEFT JOIN TradeStream OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t ON o.orderId =
 *       t.orderId AND t.amount > o.amount}: {@code new StreamJoin(JoinSide.current(oWidth, List.of(o.orderId),
 *       true), JoinSide.windowed(tWidth, List.of(t.orderId), 60_000, false), joined.amount > joined.amount,
 *       project)}, feeding OrderStream's pump into {@code left()} and TradeStream's into {@code right()}; the
 *       residual sees the left row's columns then the right row's. RIGHT JOIN preserves the right side, FULL
 *       both; a windowed side may use {@code RANGE CURRENT ROW} (0). ROWS windows on a join side are not
 *       supported: the planner refuses them by name.</li>
 *   <li><b>Stream-to-reference-table JOIN</b> → {@link io.sluice.analytics.runtime.window.TableJoin}. {@code FROM
 *       S LEFT JOIN "CompanyName" AS c ON S.ticker = c."Ticker"}: {@code new TableJoin(List.of(ticker), new int[]
 *       {0}, 2, null, true, rows, project)}; {@code ProgramRun.replaceReferenceTable} calls {@link
 *       io.sluice.analytics.runtime.window.TableJoin#replace}.</li>
 *   <li><b>Streaming ORDER BY</b> → {@link io.sluice.analytics.runtime.window.OrderBy}. {@code ORDER BY
 *       FLOOR(ROWTIME TO SECOND), ANOMALY_SCORE DESC}: {@code new OrderBy(FLOOR(ROWTIME TO SECOND), v -> v + 1000,
 *       List.of(SortKey.desc(ANOMALY_SCORE)), downstream)}.</li>
 * </ul>
 *
 * <h2>Time</h2>
 * Windows that end at a time no row carries (a tumbling window's end, a stagger window's close, an outer join's
 * window end) are closed by rowtime bounds; the run's clock must issue bounds while input is idle, or those rows
 * wait for the next input row. A RANGE window of {@code w} ms ending at {@code t} holds the rows with ROWTIME in
 * {@code (t - w, t]} ({@code [t, t]} for {@code RANGE CURRENT ROW}); see {@link
 * io.sluice.analytics.runtime.window.Frame#oldestInRange}.
 *
 * <h2>Errors</h2>
 * An {@link io.sluice.analytics.runtime.EvaluationException} from a row's keys or arguments propagates to the
 * caller (which sends the row to {@code error_stream}) before the row changes the operator's state, except as
 * each operator's documentation notes; one from an output-side predicate (HAVING, a join's residual) propagates
 * from the emission.
 */
package io.sluice.analytics.runtime.window;
