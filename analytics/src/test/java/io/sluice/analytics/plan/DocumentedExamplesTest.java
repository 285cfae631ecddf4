package io.sluice.analytics.plan;

import io.sluice.analytics.plan.Harness.Out;
import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The developer guide's and SQL reference's examples that document their output, run end to end through SQL:
 * compile the page's program, push the page's input rows at the page's ROWTIMEs, and compare what the program
 * emits with the page's result table. Only the data tables come from the pages; page names are in each test.
 */
class DocumentedExamplesTest {

    private static final long DAY = Instant.parse("2018-08-01T00:00:00Z").toEpochMilli();

    /** A clock time of the test day, as the pages print them ({@code "11:00:20"}, {@code "20:17:20.797"}). */
    private static long t(String clock) {
        return DAY + LocalTime.parse(clock).toNanoOfDay() / 1_000_000;
    }

    private static Catalog source(Column... columns) {
        return new Catalog(Map.of(Harness.SOURCE, RowType.of(columns)), Map.of());
    }

    private static final Catalog TICKER_EVENTS = source(Column.of("TICKER_SYMBOL", SqlType.varchar(4)),
            Column.of("EVENT_TIME", SqlType.TIMESTAMP));

    /** The four AMZN trades both halves of stagger-window-concepts use: (ROWTIME, EVENT_TIME). */
    private static void pushStaggerConceptTrades(Harness h) {
        h.push(t("11:00:20"), "AMZN", t("11:00:10"));
        h.push(t("11:00:30"), "AMZN", t("11:00:20"));
        h.push(t("11:01:05"), "AMZN", t("11:00:55"));
        h.push(t("11:01:15"), "AMZN", t("11:01:05"));
    }

    @Test
    void staggerWindowConceptsPartialResultsWithTumblingWindows() throws Exception {
        // dev guide, stagger-window-concepts, "Partial Results with Tumbling Windows". The page's stream declares
        // two columns for a three-column SELECT; the event-time column it prints is declared here.
        Harness h = new Harness("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                    TICKER_SYMBOL VARCHAR(4),
                    EVENT_TIME    TIMESTAMP,
                    TICKER_COUNT  DOUBLE);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS
                  INSERT INTO "DESTINATION_SQL_STREAM"
                    SELECT STREAM
                        TICKER_SYMBOL,
                        FLOOR(EVENT_TIME TO MINUTE),
                        COUNT(TICKER_SYMBOL) AS TICKER_COUNT
                    FROM "SOURCE_SQL_STREAM_001"
                    GROUP BY ticker_symbol, FLOOR(EVENT_TIME TO MINUTE),
                        STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE);
                """, TICKER_EVENTS);
        pushStaggerConceptTrades(h);
        h.run.advance(t("11:02:00"));

        assertThat(h.rows).containsExactly(
                Out.of("DESTINATION_SQL_STREAM", t("11:01:00"), "AMZN", t("11:00:00"), 2.0),
                Out.of("DESTINATION_SQL_STREAM", t("11:02:00"), "AMZN", t("11:00:00"), 1.0),
                Out.of("DESTINATION_SQL_STREAM", t("11:02:00"), "AMZN", t("11:01:00"), 1.0));
    }

    @Test
    void staggerWindowConceptsTumblingQueryAsPrintedIsRefusedForItsMissingColumn() {
        // dev guide, stagger-window-concepts: the printed stream has two columns for the SELECT's three values
        io.sluice.analytics.program.CodeValidationException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.sluice.analytics.program.CodeValidationException.class, () -> new KdaCompiler().compile("""
                        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                            TICKER_SYMBOL VARCHAR(4),
                            TICKER_COUNT     DOUBLE);
                        CREATE OR REPLACE PUMP "STREAM_PUMP" AS
                          INSERT INTO "DESTINATION_SQL_STREAM"
                            SELECT STREAM
                                TICKER_SYMBOL,
                                FLOOR(EVENT_TIME TO MINUTE),
                                COUNT(TICKER_SYMBOL) AS TICKER_COUNT
                            FROM "SOURCE_SQL_STREAM_001"
                            GROUP BY ticker_symbol, FLOOR(EVENT_TIME TO MINUTE),
                                STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE);
                        """, TICKER_EVENTS));

        assertThat(e.reason()).contains("3 values for 2 columns");
    }

    @Test
    void staggerWindowConceptsCompleteResultsWithStaggerWindows() throws Exception {
        // dev guide, stagger-window-concepts, "Complete Results with Stagger Windows"
        Harness h = new Harness("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                    ticker_symbol    VARCHAR(4),
                    event_time       TIMESTAMP,
                    ticker_count     DOUBLE);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS
                  INSERT INTO "DESTINATION_SQL_STREAM"
                    SELECT STREAM
                        TICKER_SYMBOL,
                        FLOOR(EVENT_TIME TO MINUTE),
                        COUNT(TICKER_SYMBOL) AS ticker_count
                    FROM "SOURCE_SQL_STREAM_001"
                    WINDOWED BY STAGGER (
                            PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL RANGE INTERVAL '1' MINUTE);
                """, TICKER_EVENTS);
        pushStaggerConceptTrades(h);
        h.run.advance(t("11:01:20"));
        h.run.advance(t("11:02:15"));

        assertThat(h.rows).containsExactly(
                Out.of("DESTINATION_SQL_STREAM", t("11:01:20"), "AMZN", t("11:00:00"), 3.0),
                Out.of("DESTINATION_SQL_STREAM", t("11:02:15"), "AMZN", t("11:01:00"), 1.0));
    }

    @Test
    void exampleStaggerWindowCountsEachGroupOfSixRecordsOnce() throws Exception {
        // dev guide, examples-window-stagger: six records of one (EVENT_TIME, TICKER), ten seconds apart
        Harness h = new Harness("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                    event_time TIMESTAMP,
                    ticker_symbol    VARCHAR(4),
                    ticker_count     INTEGER);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS
                  INSERT INTO "DESTINATION_SQL_STREAM"
                    SELECT STREAM
                        EVENT_TIME,
                        TICKER,
                        COUNT(TICKER) AS ticker_count
                    FROM "SOURCE_SQL_STREAM_001"
                    WINDOWED BY STAGGER (
                            PARTITION BY TICKER, EVENT_TIME RANGE INTERVAL '1' MINUTE);
                """, source(Column.of("EVENT_TIME", SqlType.TIMESTAMP), Column.of("TICKER", SqlType.varchar(4))));
        long amzn = t("20:17:20.797");
        long intc = t("20:18:21.043");
        for (String at : List.of("20:17:30", "20:17:40", "20:17:50", "20:18:00", "20:18:10", "20:18:21")) {
            h.push(t(at), amzn, "AMZN");
        }
        for (String at : List.of("20:18:31", "20:18:41", "20:18:51", "20:19:01", "20:19:11", "20:19:21")) {
            h.push(t(at), intc, "INTC");
        }
        h.run.advance(t("20:19:31"));

        assertThat(h.rows).containsExactly(
                Out.of("DESTINATION_SQL_STREAM", t("20:18:30"), amzn, "AMZN", 6),
                Out.of("DESTINATION_SQL_STREAM", t("20:19:31"), intc, "INTC", 6));
    }

    @Test
    void timestampsRowtimeConceptsLateRecordIsCountedInTheNextRowtimeWindow() throws Exception {
        // dev guide, timestamps-rowtime-concepts: ten ABC, fifteen DEF and six XYZ in 17:05, eleven ABC and eleven
        // DEF in 17:06 plus one XYZ ingested in 17:06 that arrived in 17:05. The page prints each row's ROWTIME as
        // its window start; KDA emits a group at its window end (stagger-window-concepts shows that), so ROWTIME
        // is asserted as the end and the page's values as printed.
        Harness h = new Harness("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM"
                    ("ingest_time"    timestamp,
                    "APPROXIMATE_ARRIVAL_TIME" timestamp,
                    "ticker_symbol"  VARCHAR(12),
                    "symbol_count"        integer);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS
                    INSERT INTO "DESTINATION_SQL_STREAM"
                    SELECT STREAM STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND) AS "ingest_time",
                        STEP("SOURCE_SQL_STREAM_001".APPROXIMATE_ARRIVAL_TIME BY INTERVAL '60' SECOND)
                            AS "APPROXIMATE_ARRIVAL_TIME",
                        "TICKER_SYMBOL",
                        COUNT(*) AS "symbol_count"
                    FROM "SOURCE_SQL_STREAM_001"
                    GROUP BY "TICKER_SYMBOL",
                        STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND),
                        STEP("SOURCE_SQL_STREAM_001".APPROXIMATE_ARRIVAL_TIME BY INTERVAL '60' SECOND);
                """, new Catalog(Map.of(Harness.SOURCE, Harness.TICKER), Map.of()));
        long first = t("17:05:00");
        long second = t("17:06:00");
        long rowtime = first;
        for (Object[] group : new Object[][] {{"ABC", 10}, {"DEF", 15}, {"XYZ", 6}}) {
            for (int i = 0; i < (Integer) group[1]; i++, rowtime += 100) {
                h.push(rowtime, group[0], "TECH", 0f, 1f, rowtime);
            }
        }
        rowtime = second;
        for (Object[] group : new Object[][] {{"ABC", 11}, {"DEF", 11}}) {
            for (int i = 0; i < (Integer) group[1]; i++, rowtime += 100) {
                h.push(rowtime, group[0], "TECH", 0f, 1f, rowtime);
            }
        }
        h.push(t("17:06:59"), "XYZ", "TECH", 0f, 1f, t("17:05:59"));
        h.run.advance(t("17:07:00"));

        String out = "DESTINATION_SQL_STREAM";
        assertThat(h.rows).containsExactly(
                Out.of(out, second, first, first, "ABC", 10),
                Out.of(out, second, first, first, "DEF", 15),
                Out.of(out, second, first, first, "XYZ", 6),
                Out.of(out, t("17:07:00"), second, second, "ABC", 11),
                Out.of(out, t("17:07:00"), second, second, "DEF", 11),
                Out.of(out, t("17:07:00"), second, first, "XYZ", 1));
    }

    @Test
    void examplePartialResultsCombinesTheTumblingPartialsInASlidingSum() throws Exception {
        // dev guide, examples-window-partialresults (the page shows its output as screenshots): the first pump
        // counts per ROWTIME minute, arrival minute and ticker, the second sums those partial counts per
        // TRADETIME over ten minutes, one output row per partial row
        Harness h = Harness.ticker("""
                CREATE OR REPLACE STREAM "CALC_COUNT_SQL_STREAM"
                    (TICKER      VARCHAR(4),
                    TRADETIME   TIMESTAMP,
                    TICKERCOUNT       DOUBLE);
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM"
                    (TICKER      VARCHAR(4),
                    TRADETIME   TIMESTAMP,
                    TICKERCOUNT       DOUBLE);
                CREATE PUMP "CALC_COUNT_SQL_PUMP_001" AS
                    INSERT INTO "CALC_COUNT_SQL_STREAM" ("TICKER","TRADETIME", "TICKERCOUNT")
                    SELECT STREAM
                        "TICKER_SYMBOL",
                        STEP("SOURCE_SQL_STREAM_001"."ROWTIME" BY INTERVAL '1' MINUTE) as "TradeTime",
                        COUNT(*) AS "TickerCount"
                    FROM "SOURCE_SQL_STREAM_001"
                    GROUP BY
                        STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE),
                        STEP("SOURCE_SQL_STREAM_001"."APPROXIMATE_ARRIVAL_TIME" BY INTERVAL '1' MINUTE),
                        TICKER_SYMBOL;
                CREATE PUMP "AGGREGATED_SQL_PUMP" AS
                    INSERT INTO "DESTINATION_SQL_STREAM" ("TICKER","TRADETIME", "TICKERCOUNT")
                    SELECT STREAM
                        "TICKER",
                        "TRADETIME",
                        SUM("TICKERCOUNT") OVER W1 AS "TICKERCOUNT"
                    FROM "CALC_COUNT_SQL_STREAM"
                    WINDOW W1 AS (PARTITION BY "TRADETIME" RANGE INTERVAL '10' MINUTE PRECEDING);
                """);
        // two AMZN trades arrive in 10:00; one of them, and an IBM trade, is ingested only in 10:01
        h.push(t("10:00:10"), "AMZN", "TECH", 0f, 1f, t("10:00:09"));
        h.push(t("10:01:02"), "AMZN", "TECH", 0f, 1f, t("10:00:58"));
        h.push(t("10:01:03"), "AMZN", "TECH", 0f, 1f, t("10:01:01"));
        h.push(t("10:01:04"), "IBM", "TECH", 0f, 1f, t("10:01:02"));
        h.run.advance(t("10:02:00"));

        assertThat(h.rows).containsExactly(
                Out.of("CALC_COUNT_SQL_STREAM", t("10:01:00"), "AMZN", t("10:00:00"), 1.0),
                Out.of("DESTINATION_SQL_STREAM", t("10:01:00"), "AMZN", t("10:00:00"), 1.0),
                Out.of("CALC_COUNT_SQL_STREAM", t("10:02:00"), "AMZN", t("10:01:00"), 1.0),
                Out.of("DESTINATION_SQL_STREAM", t("10:02:00"), "AMZN", t("10:01:00"), 1.0),
                Out.of("CALC_COUNT_SQL_STREAM", t("10:02:00"), "AMZN", t("10:01:00"), 1.0),
                Out.of("DESTINATION_SQL_STREAM", t("10:02:00"), "AMZN", t("10:01:00"), 2.0),
                Out.of("CALC_COUNT_SQL_STREAM", t("10:02:00"), "IBM", t("10:01:00"), 1.0),
                Out.of("DESTINATION_SQL_STREAM", t("10:02:00"), "IBM", t("10:01:00"), 3.0));
    }

    /** The tumbling-window-concepts program with the given monotonic grouping expression. */
    private static Harness tumblingMinMax(String window) throws Exception {
        return Harness.ticker("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                                                   ticker_symbol VARCHAR(4),
                                                   Min_Price     DOUBLE,
                                                   Max_Price     DOUBLE);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS
                  INSERT INTO "DESTINATION_SQL_STREAM"
                    SELECT STREAM Ticker_Symbol,
                                  MIN(Price) AS Min_Price,
                                  MAX(Price) AS Max_Price
                    FROM    "SOURCE_SQL_STREAM_001"
                    GROUP BY Ticker_Symbol,
                             %s;
                """.formatted(window));
    }

    private static void pushTwoMinutesOfTrades(Harness h) {
        h.tick(t("10:00:05"), "AMZN", "TECH", 0, 10).tick(t("10:00:15"), "IBM", "TECH", 0, 50)
                .tick(t("10:00:45"), "AMZN", "TECH", 0, 12).tick(t("10:00:59.999"), "AMZN", "TECH", 0, 9)
                .tick(t("10:01:00"), "IBM", "TECH", 0, 51);
    }

    @Test
    void tumblingWindowConceptsStepFormEmitsOneRowPerTickerAndMinuteAtTheMinutesEnd() throws Exception {
        // dev guide, tumbling-window-concepts: MIN/MAX price per ticker, GROUP BY STEP(ROWTIME BY '60' SECOND)
        Harness h = tumblingMinMax("STEP(\"SOURCE_SQL_STREAM_001\".ROWTIME BY INTERVAL '60' SECOND)");
        pushTwoMinutesOfTrades(h);

        assertThat(h.rows).containsExactly(
                Out.of("DESTINATION_SQL_STREAM", t("10:01:00"), "AMZN", 9.0, 12.0),
                Out.of("DESTINATION_SQL_STREAM", t("10:01:00"), "IBM", 50.0, 50.0));
        h.run.advance(t("10:02:00"));
        assertThat(h.rows).last().isEqualTo(Out.of("DESTINATION_SQL_STREAM", t("10:02:00"), "IBM", 51.0, 51.0));
    }

    @Test
    void tumblingWindowConceptsQueryNamingTwoColumnsPriceInsertsThemByPosition() throws Exception {
        // dev guide, tumbling-window-concepts: the first query selects ROWTIME, the ticker and MIN(Price) AS Price,
        // MAX(Price) AS Price; a pump inserts the repeated name by position
        Harness h = Harness.ticker("""
                CREATE STREAM "PRICES" (at_time TIMESTAMP, ticker VARCHAR(4), low DOUBLE, high DOUBLE);
                CREATE PUMP p AS INSERT INTO "PRICES"
                SELECT STREAM ROWTIME,
                              Ticker_Symbol,
                              MIN(Price) AS Price,
                              MAX(Price) AS Price
                FROM     "SOURCE_SQL_STREAM_001"
                GROUP BY Ticker_Symbol,
                         STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);
                """);
        pushTwoMinutesOfTrades(h);

        assertThat(h.rows).containsExactly(
                Out.of("PRICES", t("10:01:00"), t("10:01:00"), "AMZN", 9.0, 12.0),
                Out.of("PRICES", t("10:01:00"), t("10:01:00"), "IBM", 50.0, 50.0));
    }

    @Test
    void tumblingWindowConceptsFloorFormGroupsLikeTheStepForm() throws Exception {
        // dev guide, tumbling-window-concepts, the note: FLOOR(ROWTIME TO MINUTE) groups into the same windows
        Harness step = tumblingMinMax("STEP(\"SOURCE_SQL_STREAM_001\".ROWTIME BY INTERVAL '60' SECOND)");
        Harness floor = tumblingMinMax("FLOOR(\"SOURCE_SQL_STREAM_001\".ROWTIME TO MINUTE)");
        for (Harness h : List.of(step, floor)) {
            pushTwoMinutesOfTrades(h);
            h.run.advance(t("10:02:00"));
        }

        assertThat(floor.rows).hasSize(3).isEqualTo(step.rows);
    }

    @Test
    void slidingWindowConceptsCountEmitsOneRowPerInputRowOverFiveSeconds() throws Exception {
        // dev guide, sliding-window-concepts: rows at t1, t2, t6, t7 and three at t8 give counts 1, 2, 2, 2, then
        // 3, 4 and 5 for the rows at t8; the rows leaving the window emit nothing
        Harness h = Harness.ticker("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), record_count BIGINT);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                    SELECT STREAM ticker_symbol, COUNT(*) OVER W1
                    FROM "SOURCE_SQL_STREAM_001"
                    WINDOW W1 AS (RANGE INTERVAL '5' SECOND PRECEDING);
                """);
        for (int second : new int[] {1, 2, 6, 7, 8, 8, 8}) {
            h.tick(second * 1_000L, "T" + second, "TECH", 0, 1);
        }
        h.run.advance(20_000);

        assertThat(h.rows).extracting(o -> o.values().get(1)).containsExactly(1L, 2L, 2L, 2L, 3L, 4L, 5L);
        assertThat(h.rows).extracting(Out::rowtime)
                .containsExactly(1_000L, 2_000L, 6_000L, 7_000L, 8_000L, 8_000L, 8_000L);
    }

    @Test
    void slidingWindowConceptsExampleOneMinMaxAvgPerTickerOverTheLastMinute() throws Exception {
        // dev guide, sliding-window-concepts, Example 1 (no output table: one row per input row)
        Harness h = Harness.ticker("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                                         ticker_symbol VARCHAR(10),
                                         Min_Price     double,
                                         Max_Price     double,
                                         Avg_Price     double);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS
                   INSERT INTO "DESTINATION_SQL_STREAM"
                     SELECT STREAM ticker_symbol,
                                   MIN(Price) OVER W1 AS Min_Price,
                                   MAX(Price) OVER W1 AS Max_Price,
                                   AVG(Price) OVER W1 AS Avg_Price
                     FROM   "SOURCE_SQL_STREAM_001"
                     WINDOW W1 AS (
                        PARTITION BY ticker_symbol
                        RANGE INTERVAL '1' MINUTE PRECEDING);
                """);
        h.tick(t("10:00:00"), "AMZN", "TECH", 0, 5).tick(t("10:00:10"), "IBM", "TECH", 0, 100)
                .tick(t("10:00:30"), "AMZN", "TECH", 0, 3).tick(t("10:01:01"), "AMZN", "TECH", 0, 4);

        String out = "DESTINATION_SQL_STREAM";
        assertThat(h.rows).containsExactly(
                Out.of(out, t("10:00:00"), "AMZN", 5.0, 5.0, 5.0),
                Out.of(out, t("10:00:10"), "IBM", 100.0, 100.0, 100.0),
                Out.of(out, t("10:00:30"), "AMZN", 3.0, 5.0, 4.0),
                Out.of(out, t("10:01:01"), "AMZN", 3.0, 4.0, 3.5));
    }

    @Test
    void slidingWindowConceptsExampleThreeTwoRowAndTenRowAveragesSideBySide() throws Exception {
        // dev guide, sliding-window-concepts, Example 3: avg over the last 2 and the last 10 rows per ticker
        Harness h = Harness.ticker("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                                           ticker_symbol      VARCHAR(12),
                                           price              double,
                                           average_last2rows  double,
                                           average_last10rows double);
                CREATE OR REPLACE PUMP "myPump" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM ticker_symbol,
                              price,
                              avg(price) over last2rows,
                              avg(price) over last10rows
                FROM SOURCE_SQL_STREAM_001
                WINDOW
                    last2rows AS (PARTITION BY ticker_symbol ROWS 2 PRECEDING),
                    last10rows AS (PARTITION BY ticker_symbol ROWS 10 PRECEDING);
                """);
        for (int i = 1; i <= 5; i++) {
            h.tick(i * 1_000L, "X", "TECH", 0, i);
        }
        h.tick(6_000, "Y", "TECH", 0, 100);

        // ROWS 2 PRECEDING holds the current row and the two before it
        assertThat(h.rows).extracting(o -> o.values().subList(1, 4)).containsExactly(
                List.of(1.0, 1.0, 1.0), List.of(2.0, 1.5, 1.5), List.of(3.0, 2.0, 2.0), List.of(4.0, 3.0, 2.5),
                List.of(5.0, 4.0, 3.0), List.of(100.0, 100.0, 100.0));
    }

    @Test
    void aggregateFunctionsPageAverageOfIntegersTwoNineAndTenIsSeven() throws Exception {
        // SQL reference, sql-reference-aggregate-functions: AVG of the INTEGER values 2, 9 and 10 is 7 (integer
        // arithmetic), and the group is emitted when the monotonic expression changes
        Harness h = new Harness("""
                CREATE STREAM averages (average INTEGER, total INTEGER, n BIGINT, smallest INTEGER, largest INTEGER);
                CREATE PUMP p AS INSERT INTO averages
                    SELECT STREAM AVG(x), SUM(x), COUNT(x), MIN(x), MAX(x) FROM "SOURCE_SQL_STREAM_001"
                    GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE);
                """, source(Column.of("X", SqlType.INTEGER)));
        h.push(t("10:00:01"), 2).push(t("10:00:02"), 9).push(t("10:00:03"), 10);
        assertThat(h.rows).isEmpty();
        h.push(t("10:01:00"), 1);

        assertThat(h.rows).containsExactly(Out.of("AVERAGES", t("10:01:00"), 7, 21, 3L, 2, 10));
    }

    @Test
    void gettingStartedContinuousFilterAndTheAppendedPumps() throws Exception {
        // dev guide, get-started-exercise (the "Continuous filter" template) and get-started-update-appcode (the
        // appended streams and pumps). The template there names its first column SYMBOL while the appended pump
        // selects TICKER_SYMBOL from it; the template's other printing (TICKER_SYMBOL) is used so both compile.
        Harness h = Harness.ticker("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM"
                  (ticker_symbol VARCHAR(4), sector VARCHAR(12), CHANGE DOUBLE, price DOUBLE);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS
                   INSERT INTO "DESTINATION_SQL_STREAM"
                      SELECT STREAM ticker_symbol, sector, CHANGE, price
                      FROM "SOURCE_SQL_STREAM_001"
                      WHERE sector SIMILAR TO '%TECH%';
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM_2"
                           (ticker_symbol VARCHAR(4),
                            change        DOUBLE,
                            price         DOUBLE);
                CREATE OR REPLACE PUMP "STREAM_PUMP_2" AS
                   INSERT INTO "DESTINATION_SQL_STREAM_2"
                      SELECT STREAM ticker_symbol, change, price
                      FROM   "DESTINATION_SQL_STREAM";
                CREATE OR REPLACE STREAM "AMZN_STREAM"
                           (ticker_symbol VARCHAR(4),
                            change        DOUBLE,
                            price         DOUBLE);
                CREATE OR REPLACE PUMP "AMZN_PUMP" AS
                   INSERT INTO "AMZN_STREAM"
                      SELECT STREAM ticker_symbol, change, price
                      FROM   "SOURCE_SQL_STREAM_001"
                      WHERE  ticker_symbol SIMILAR TO '%AMZN%';
                CREATE OR REPLACE STREAM "TGT_STREAM"
                           (ticker_symbol VARCHAR(4),
                            change        DOUBLE,
                            price         DOUBLE);
                CREATE OR REPLACE PUMP "TGT_PUMP" AS
                   INSERT INTO "TGT_STREAM"
                      SELECT STREAM ticker_symbol, change, price
                      FROM   "SOURCE_SQL_STREAM_001"
                      WHERE  ticker_symbol SIMILAR TO '%TGT%';
                """);
        h.tick(1_000, "AMZN", "TECHNOLOGY", 1.5, 850.25).tick(2_000, "TGT", "RETAIL", -0.5, 60.5)
                .tick(3_000, "XTC", "HEALTHCARE", 0.25, 10.5).tick(4_000, "IBM", "TECHNOLOGY", 0, 120);

        assertThat(h.rows).containsExactly(
                Out.of("DESTINATION_SQL_STREAM", 1_000, "AMZN", "TECHNOLOGY", 1.5, 850.25),
                Out.of("DESTINATION_SQL_STREAM_2", 1_000, "AMZN", 1.5, 850.25),
                Out.of("AMZN_STREAM", 1_000, "AMZN", 1.5, 850.25),
                Out.of("TGT_STREAM", 2_000, "TGT", -0.5, 60.5),
                Out.of("DESTINATION_SQL_STREAM", 4_000, "IBM", "TECHNOLOGY", 0.0, 120.0),
                Out.of("DESTINATION_SQL_STREAM_2", 4_000, "IBM", 0.0, 120.0));
    }

    @Test
    void exploreErrorStreamDivisionByZeroSendsTheRowsToTheErrorStream() throws Exception {
        // dev guide, app-explore-error-stream: price / 0 fails every row, which goes to error_stream instead of
        // DESTINATION_SQL_STREAM, and the application keeps running
        Harness h = Harness.ticker("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM"
                  (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE, ProblemColumn DOUBLE);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                   SELECT STREAM ticker_symbol, sector, change, (price / 0) as ProblemColumn
                   FROM "SOURCE_SQL_STREAM_001"
                   WHERE sector SIMILAR TO '%TECH%';
                """);
        h.tick(1_000, "AMZN", "TECHNOLOGY", 1.5, 850.25).tick(2_000, "TGT", "RETAIL", 0, 60)
                .tick(3_000, "IBM", "TECHNOLOGY", 0, 120);

        assertThat(h.rows).isEmpty();
        assertThat(h.errors).extracting(e -> e.dataRowtime(), e -> e.pumpName())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1_000L, "STREAM_PUMP"),
                        org.assertj.core.groups.Tuple.tuple(3_000L, "STREAM_PUMP"));
    }

    @Test
    void addReferenceDataLeftJoinNamesTheCompaniesTheTableKnows() throws Exception {
        // dev guide, app-add-reference-data: TickerReference.csv as the in-application table "CompanyName"
        RowType companies = RowType.of(Column.of("Ticker", SqlType.varchar(4)),
                Column.of("Company", SqlType.varchar(20)));
        List<Object[]> rows = List.of(new Object[] {"AMZN", "Amazon"}, new Object[] {"ASD", "SomeCompanyA"},
                new Object[] {"MMB", "SomeCompanyB"}, new Object[] {"WAS", "SomeCompanyC"});
        Harness h = new Harness("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), "Company" varchar(20),
                    sector VARCHAR(12), change DOUBLE, price DOUBLE);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                   SELECT STREAM ticker_symbol, "c"."Company", sector, change, price
                   FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "CompanyName" as "c"
                   ON "SOURCE_SQL_STREAM_001".ticker_symbol = "c"."Ticker";
                """, new Catalog(Map.of(Harness.SOURCE, Harness.TICKER), Map.of("CompanyName", companies)),
                Map.of("CompanyName", rows));
        h.tick(1_000, "AMZN", "TECHNOLOGY", 1, 800).tick(2_000, "QXZ", "RETAIL", 2, 20)
                .tick(3_000, "WAS", "ENERGY", 0, 30);

        assertThat(h.rows).containsExactly(
                Out.of("DESTINATION_SQL_STREAM", 1_000, "AMZN", "Amazon", "TECHNOLOGY", 1.0, 800.0),
                Out.of("DESTINATION_SQL_STREAM", 2_000, "QXZ", null, "RETAIL", 2.0, 20.0),
                Out.of("DESTINATION_SQL_STREAM", 3_000, "WAS", "SomeCompanyC", "ENERGY", 0.0, 30.0));
    }

    @Test
    void anomalyDetectionHeartRatesAreScoredAndSortedWithinEachSecond() throws Exception {
        // dev guide, app-anom-score-create-app (the Anomaly Detection template): the page's scores are a
        // screenshot, so the structure is asserted: every row once, zero scores while the forest learns (256
        // rows by default), each second's rows by descending score, a planted high rate first in its second
        Harness h = new Harness("""
                CREATE OR REPLACE STREAM "TEMP_STREAM" (
                        "heartRate"        INTEGER,
                        "rateType"         varchar(20),
                        "ANOMALY_SCORE"    DOUBLE);
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                        "heartRate"        INTEGER,
                        "rateType"         varchar(20),
                        "ANOMALY_SCORE"    DOUBLE);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS
                   INSERT INTO "TEMP_STREAM"
                      SELECT STREAM "heartRate", "rateType", ANOMALY_SCORE
                      FROM TABLE(RANDOM_CUT_FOREST(
                              CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001")));
                CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS
                   INSERT INTO "DESTINATION_SQL_STREAM"
                      SELECT STREAM * FROM "TEMP_STREAM"
                      ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;
                """, source(Column.of("heartRate", SqlType.INTEGER), Column.of("rateType", SqlType.varchar(20))));
        long seed = 20180801L;
        System.out.println("anomaly-detection heart rates seed=" + seed);
        java.util.Random random = new java.util.Random(seed);
        int rows = 400;
        long planted = 395 * 100L;
        for (int i = 0; i < rows; i++) {
            long rowtime = i * 100L;
            boolean high = rowtime == planted;
            h.push(rowtime, high ? 190 : 60 + random.nextInt(41), high ? "HIGH" : "NORMAL");
        }
        h.run.advance(rows * 100L + 1_000);

        List<Out> scored = h.rows.stream().filter(o -> o.stream().equals("TEMP_STREAM")).toList();
        List<Out> sorted = h.rows.stream().filter(o -> o.stream().equals("DESTINATION_SQL_STREAM")).toList();
        assertThat(scored).hasSize(rows);
        assertThat(scored.subList(0, 256)).allSatisfy(o -> assertThat(o.values().get(2)).isEqualTo(0.0));
        assertThat(scored.subList(256, rows)).allSatisfy(o -> assertThat((Double) o.values().get(2)).isPositive());
        assertThat(sorted).hasSize(rows);
        assertThat(sorted).extracting(o -> o.rowtime() / 1_000).isSorted();
        for (int second = 0; second < rows / 10; second++) {
            List<Double> scores = sorted.subList(second * 10, second * 10 + 10).stream()
                    .map(o -> (Double) o.values().get(2)).toList();
            assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }
        assertThat(sorted.get(390).values()).containsExactly(190, "HIGH", scored.get(395).values().get(2));
    }

    @Test
    void lagExampleReturnsEarlierPricesOfTheTickerSkippingNulls() throws Exception {
        // SQL reference, sql-reference-lag, Example 1: LAG(price, 1, 0) and LAG(price, 2, 0) IGNORE NULLS over the
        // ticker's last minute (the page shows no table; the rows are the windows helper's transcription)
        Harness h = Harness.ticker("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                    ticker_symbol VARCHAR(4), price DOUBLE, previous_price DOUBLE, previous_price_2 DOUBLE);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                    SELECT STREAM ticker_symbol, price,
                        LAG(price, 1, 0) IGNORE NULLS OVER (
                            PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING),
                        LAG(price, 2, 0) IGNORE NULLS OVER (
                            PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING)
                    FROM "SOURCE_SQL_STREAM_001";
                """);
        h.push(t("10:00:00"), "AMZN", "TECH", 0f, 10f, 0L).push(t("10:00:05"), "AAPL", "TECH", 0f, 50f, 0L)
                .push(t("10:00:10"), "AMZN", "TECH", 0f, null, 0L).push(t("10:00:20"), "AMZN", "TECH", 0f, 12f, 0L)
                .push(t("10:00:30"), "AMZN", "TECH", 0f, 13f, 0L).push(t("10:01:25"), "AMZN", "TECH", 0f, 14f, 0L);

        String out = "DESTINATION_SQL_STREAM";
        assertThat(h.rows).containsExactly(
                Out.of(out, t("10:00:00"), "AMZN", 10.0, 0.0, 0.0),
                Out.of(out, t("10:00:05"), "AAPL", 50.0, 0.0, 0.0),
                Out.of(out, t("10:00:10"), "AMZN", null, 10.0, 0.0),
                Out.of(out, t("10:00:20"), "AMZN", 12.0, 10.0, 0.0),
                Out.of(out, t("10:00:30"), "AMZN", 13.0, 12.0, 10.0),
                Out.of(out, t("10:01:25"), "AMZN", 14.0, 13.0, 0.0));
    }

    @Test
    void joinClauseExampleOrdersOfTheLastMinuteMeetTheirShipments() throws Exception {
        // SQL reference, the JOIN clause's stream-to-stream examples: Orders with a one-minute window joined to
        // Shipments on the order id; the windowed side may be either, and a late order finds only shipments the
        // window still holds
        RowType orderId = RowType.of(Column.of("ORDERID", SqlType.INTEGER));
        Catalog catalog = new Catalog(Map.of("Orders", orderId, "Shipments", orderId), Map.of());
        for (String shipments : List.of("\"Shipments\"", "\"Shipments\" OVER (RANGE INTERVAL '1' MINUTE PRECEDING)")) {
            Harness h = new Harness("""
                    CREATE STREAM matched (order_id INTEGER, shipment_id INTEGER);
                    CREATE PUMP p AS INSERT INTO matched
                        SELECT STREAM o.orderid, s.orderid
                        FROM "Orders" OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o
                        JOIN %s AS s ON o.orderid = s.orderid;
                    """.formatted(shipments), catalog);
            h.run.push("Orders", t("10:00:00"), new Object[] {101});
            h.run.push("Shipments", t("10:00:00"), new Object[] {100});
            h.run.push("Orders", t("10:00:20"), new Object[] {102});
            h.run.push("Orders", t("10:00:30"), new Object[] {103});
            h.run.push("Orders", t("10:00:40"), new Object[] {104});
            h.run.push("Shipments", t("10:00:45"), new Object[] {104});
            h.run.push("Orders", t("10:00:45"), new Object[] {100});
            h.run.push("Shipments", t("10:00:50"), new Object[] {105});
            h.run.advance(t("10:03:00"));

            if (shipments.contains("OVER")) {
                assertThat(h.rows).containsExactly(Out.of("MATCHED", t("10:00:45"), 104, 104),
                        Out.of("MATCHED", t("10:00:45"), 100, 100));
            } else {
                assertThat(h.rows).containsExactly(Out.of("MATCHED", t("10:00:45"), 104, 104));
            }
        }
    }

    @Test
    void stringAndDateTimeFunctionPagesExamplesInTheirSqlSyntax() throws Exception {
        // SQL reference, sql-reference-substring, -trim, -initcap and -char-to-timestamp: the pages' examples,
        // written in the SQL forms the pages use (FROM ... FOR ..., LEADING ... FROM ...), over one input row
        Harness h = new Harness("""
                CREATE STREAM results (s1 VARCHAR(9), s2 VARCHAR(9), s3 VARCHAR(9), t1 VARCHAR(30),
                    t2 VARCHAR(30), t3 VARCHAR(30), t4 VARCHAR(30), caps VARCHAR(40), ts1 TIMESTAMP, ts2 TIMESTAMP);
                CREATE PUMP p AS INSERT INTO results
                    SELECT STREAM SUBSTRING(digits FROM 3 FOR 4), SUBSTRING(digits FROM -1 FOR 4),
                        SUBSTRING(digits FROM 8 FOR 4),
                        TRIM(' Trim front and back '), TRIM(LEADING 'x' FROM 'xxxTrim frontxxx'),
                        TRIM(TRAILING 'x' FROM 'xxxTrimxBackxxx'), TRIM(BOTH 'y' FROM 'xxxNo y to trimxxx'),
                        INITCAP('Each FIRST lEtTeR is cAPITALIZED'),
                        CHAR_TO_TIMESTAMP('yyyy-MM-dd', '2009-09-16 03:15:24'),
                        CHAR_TO_TIMESTAMP('MM/dd/yy hh:mm:ss', '09/16/11 03:15:24')
                    FROM "SOURCE_SQL_STREAM_001";
                """, source(Column.of("DIGITS", SqlType.varchar(9))));
        h.push(1_000, "123456789");

        assertThat(h.rows).containsExactly(Out.of("RESULTS", 1_000, "3456", "12", "89", "Trim front and back",
                "Trim frontxxx", "xxxTrimxBack", "xxxNo y to trimxxx", "Each First Letter Is Capitalized",
                Instant.parse("2009-09-16T00:00:00Z").toEpochMilli(),
                Instant.parse("2011-09-16T03:15:24Z").toEpochMilli()));
    }

    @Test
    void variableColumnLogParseExampleSplitsTheUnstructuredColumn() throws Exception {
        // dev guide, examples-transforming-strings-variablecolumnlogparse: the generator writes a, b, c and
        // "x,y,z"; the output (a screenshot) has one row per record with COL_1..COL_3 = x, y, z
        Harness h = new Harness("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM"(
                            "column_A" VARCHAR(16),
                            "column_B" VARCHAR(16),
                            "column_C" VARCHAR(16),
                            "COL_1" VARCHAR(16),
                            "COL_2" VARCHAR(16),
                            "COL_3" VARCHAR(16));
                CREATE OR REPLACE PUMP "SECOND_STREAM_PUMP" AS
                INSERT INTO "DESTINATION_SQL_STREAM"
                   SELECT STREAM  t."Col_A", t."Col_B", t."Col_C",
                                  t.r."COL_1", t.r."COL_2", t.r."COL_3"
                   FROM (SELECT STREAM
                           "Col_A", "Col_B", "Col_C",
                           VARIABLE_COLUMN_LOG_PARSE ("Col_E_Unstructured",
                                   'COL_1 TYPE VARCHAR(16), COL_2 TYPE VARCHAR(16), COL_3 TYPE VARCHAR(16)',
                                   ',') AS r
                         FROM "SOURCE_SQL_STREAM_001") as t;
                """, source(Column.of("Col_A", SqlType.varchar(4)), Column.of("Col_B", SqlType.varchar(4)),
                Column.of("Col_C", SqlType.varchar(4)), Column.of("Col_E_Unstructured", SqlType.varchar(8))));
        h.push(1_000, "a", "b", "c", "x,y,z");

        assertThat(h.rows).containsExactly(Out.of("DESTINATION_SQL_STREAM", 1_000, "a", "b", "c", "x", "y", "z"));
    }

    @Test
    void tumblingWindowUsingAnEventTimestampGroupsTheFourSampleRecordsByTickerAndEventMinute() throws Exception {
        // dev guide, examples-window-tumbling-event: the page's four records (event time 5 s before ingestion,
        // shown as the ROWTIMEs here); the output is a screenshot: one row per ticker with its event minute
        Harness h = new Harness("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (EVENT_TIME timestamp, TICKER VARCHAR(4),
                    min_price REAL, max_price REAL);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS
                  INSERT INTO "DESTINATION_SQL_STREAM"
                    SELECT STREAM STEP("SOURCE_SQL_STREAM_001".EVENT_TIME BY INTERVAL '60' SECOND),
                        TICKER,
                         MIN(PRICE) AS MIN_PRICE,
                         MAX(PRICE) AS MAX_PRICE
                    FROM    "SOURCE_SQL_STREAM_001"
                    GROUP BY TICKER,
                             STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND),
                             STEP("SOURCE_SQL_STREAM_001".EVENT_TIME BY INTERVAL '60' SECOND);
                """, source(Column.of("EVENT_TIME", SqlType.TIMESTAMP), Column.of("TICKER", SqlType.varchar(4)),
                Column.of("PRICE", SqlType.parse("REAL"))));
        Object[][] records = {{"14:11:05.766", "TBV", 43.65f}, {"14:11:05.848", "AMZN", 35.61f},
                {"14:11:05.931", "MSFT", 73.48f}, {"14:11:06.014", "AMZN", 18.64f}};
        for (Object[] r : records) {
            long eventTime = t((String) r[0]);
            h.push(eventTime + 5_000, eventTime, r[1], r[2]);
        }
        h.run.advance(t("14:12:00"));

        String out = "DESTINATION_SQL_STREAM";
        long minute = t("14:11:00");
        assertThat(h.rows).containsExactly(
                Out.of(out, t("14:12:00"), minute, "TBV", 43.65f, 43.65f),
                Out.of(out, t("14:12:00"), minute, "AMZN", 18.64f, 35.61f),
                Out.of(out, t("14:12:00"), minute, "MSFT", 73.48f, 73.48f));
    }

    @Test
    void hotspotsExampleReportsThePlantedHotspotForEveryRow() throws Exception {
        // dev guide, app-hotspot-create-app (the output is a screenshot): x and y uniform in [0, 10) with a dense
        // 0.5 x 0.5 square of "is_hot" points, as the guide's generator writes; the page's SELECT has no STREAM
        Harness h = new Harness("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                    "x" DOUBLE,
                    "y" DOUBLE,
                    "is_hot" VARCHAR(4),
                    HOTSPOTS_RESULT VARCHAR(10000)
                );
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS
                    INSERT INTO "DESTINATION_SQL_STREAM"
                    SELECT "x", "y", "is_hot", "HOTSPOTS_RESULT"
                    FROM TABLE (
                        HOTSPOTS(
                            CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
                            1000,
                            0.2,
                            17)
                    );
                """, source(Column.of("x", SqlType.DOUBLE), Column.of("y", SqlType.DOUBLE),
                Column.of("is_hot", SqlType.varchar(4))));
        long seed = 4242L;
        System.out.println("hotspots example seed=" + seed);
        java.util.Random random = new java.util.Random(seed);
        int rows = 1_000;
        for (int i = 0; i < rows; i++) {
            boolean hot = i % 10 == 0;
            double x = hot ? 6 + random.nextDouble() * 0.5 : random.nextDouble() * 10;
            double y = hot ? 2 + random.nextDouble() * 0.5 : random.nextDouble() * 10;
            h.push(i * 10L, x, y, hot ? "Y" : "N");
        }

        assertThat(h.rows).hasSize(rows);
        String last = (String) h.rows.get(rows - 1).values().get(3);
        com.fasterxml.jackson.databind.JsonNode hotspots = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(last).get("hotspots");
        assertThat(hotspots).hasSize(1);
        com.fasterxml.jackson.databind.JsonNode box = hotspots.get(0);
        assertThat(box.get("minValues").get(0).asDouble()).isBetween(5.8, 6.1);
        assertThat(box.get("maxValues").get(0).asDouble()).isBetween(6.4, 6.7);
        assertThat(box.get("minValues").get(1).asDouble()).isBetween(1.8, 2.1);
        assertThat(box.get("maxValues").get(1).asDouble()).isBetween(2.4, 2.7);
        assertThat(box.get("density").asDouble()).isPositive();
    }

    @Test
    void anomalyDetectionWithExplanationExplainsEachNumericColumnAndMarksTheHighReadingHigh() throws Exception {
        // dev guide, app-anom-with-exp-create-app and examine-results-with-exp: zero scores while the forest
        // learns, then an ANOMALY_EXPLANATION per row with DIRECTION, STRENGTH and ATTRIBUTION_SCORE for Systolic
        // and Diastolic (not BloodPressureLevel, which is text); the page's HIGH reading 144/123 is HIGH on both
        // and first in its second. Scores are statistical, so the structure is asserted.
        Harness h = new Harness("""
                CREATE OR REPLACE STREAM "TEMP_STREAM" (
                        "Systolic"                  INTEGER,
                        "Diastolic"                 INTEGER,
                        "BloodPressureLevel"        varchar(20),
                        "ANOMALY_SCORE"             DOUBLE,
                        "ANOMALY_EXPLANATION"       varchar(512));
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                        "Systolic"                  INTEGER,
                        "Diastolic"                 INTEGER,
                        "BloodPressureLevel"        varchar(20),
                        "ANOMALY_SCORE"             DOUBLE,
                        "ANOMALY_EXPLANATION"       varchar(512));
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS
                   INSERT INTO "TEMP_STREAM"
                      SELECT STREAM "Systolic", "Diastolic", "BloodPressureLevel", ANOMALY_SCORE, ANOMALY_EXPLANATION
                      FROM TABLE(RANDOM_CUT_FOREST_WITH_EXPLANATION(
                              CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 100, 256, 100000, 1, true));
                CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS
                   INSERT INTO "DESTINATION_SQL_STREAM"
                      SELECT STREAM * FROM "TEMP_STREAM"
                      ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;
                """, source(Column.of("Systolic", SqlType.INTEGER), Column.of("Diastolic", SqlType.INTEGER),
                Column.of("BloodPressureLevel", SqlType.varchar(20))));
        long seed = 271828L;
        System.out.println("anomaly-detection with explanation seed=" + seed);
        java.util.Random random = new java.util.Random(seed);
        int rows = 400;
        for (int i = 0; i < rows; i++) {
            boolean high = i == 395;
            h.push(i * 100L, high ? 144 : 90 + random.nextInt(31), high ? 123 : 60 + random.nextInt(21),
                    high ? "HIGH" : "NORMAL");
        }
        h.run.advance(rows * 100L + 1_000);

        List<Out> scored = h.rows.stream().filter(o -> o.stream().equals("TEMP_STREAM")).toList();
        List<Out> sorted = h.rows.stream().filter(o -> o.stream().equals("DESTINATION_SQL_STREAM")).toList();
        assertThat(scored).hasSize(rows);
        assertThat(sorted).hasSize(rows);
        assertThat(scored.subList(0, 256)).allSatisfy(o -> assertThat(o.values().get(3)).isEqualTo(0.0));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode normal = json.readTree((String) scored.get(300).values().get(4));
        assertThat(normal.fieldNames()).toIterable().containsExactly("Systolic", "Diastolic");
        assertThat(normal.get("Systolic").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("DIRECTION", "STRENGTH", "ATTRIBUTION_SCORE");
        Out first = sorted.get(390);
        assertThat(first.values().subList(0, 3)).containsExactly(144, 123, "HIGH");
        com.fasterxml.jackson.databind.JsonNode explanation = json.readTree((String) first.values().get(4));
        assertThat(explanation.get("Systolic").get("DIRECTION").asText()).isEqualTo("HIGH");
        assertThat(explanation.get("Diastolic").get("DIRECTION").asText()).isEqualTo("HIGH");
    }

    @Test
    void streamingSourceWithMultipleRecordTypesSplitsOrdersAndTradesAndCountsTradesPerMinute() throws Exception {
        // dev guide, app-tworecordtypes: the page's Order and Trade records in one source; the count is a screenshot
        Harness h = new Harness("""
                CREATE OR REPLACE STREAM "Order_Stream"
                           (order_id     integer, order_type   varchar(10), ticker       varchar(4),
                            order_price  DOUBLE, record_type  varchar(10));
                CREATE OR REPLACE PUMP "Order_Pump" AS
                   INSERT INTO "Order_Stream"
                      SELECT STREAM oid, otype,oticker, oprice, recordtype
                      FROM   "SOURCE_SQL_STREAM_001"
                      WHERE  recordtype = 'Order';
                CREATE OR REPLACE STREAM "Trade_Stream"
                           (trade_id     integer, order_id     integer, trade_price  DOUBLE,
                            ticker       varchar(4), record_type  varchar(10));
                CREATE OR REPLACE PUMP "Trade_Pump" AS
                   INSERT INTO "Trade_Stream"
                      SELECT STREAM tid, toid, tprice, tticker, recordtype
                      FROM   "SOURCE_SQL_STREAM_001"
                      WHERE  recordtype = 'Trade';
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                            ticker  varchar(4),
                            trade_count   integer
                            );
                CREATE OR REPLACE PUMP "Output_Pump" AS
                   INSERT INTO "DESTINATION_SQL_STREAM"
                      SELECT STREAM ticker, count(*) as trade_count
                      FROM   "Trade_Stream"
                      GROUP BY ticker,
                                FLOOR("Trade_Stream".ROWTIME TO MINUTE);
                """, source(Column.of("RECORDTYPE", SqlType.varchar(8)), Column.of("OPRICE", SqlType.INTEGER),
                Column.of("OTYPE", SqlType.varchar(8)), Column.of("OID", SqlType.INTEGER),
                Column.of("OTICKER", SqlType.varchar(4)), Column.of("TID", SqlType.INTEGER),
                Column.of("TOID", SqlType.INTEGER), Column.of("TPRICE", SqlType.INTEGER),
                Column.of("TTICKER", SqlType.varchar(4))));
        h.push(t("10:00:01"), "Order", 9047, "Sell", 3811, "AAAA", null, null, null, null);
        h.push(t("10:00:02"), "Trade", null, null, null, null, 1, 3812, 2089, "BBBB");
        h.push(t("10:00:03"), "Trade", null, null, null, null, 2, 3811, 9040, "AAAA");
        h.push(t("10:00:04"), "Trade", null, null, null, null, 3, 3812, 2090, "BBBB");
        h.run.advance(t("10:01:00"));

        assertThat(h.rows).containsExactly(
                Out.of("Order_Stream", t("10:00:01"), 3811, "Sell", "AAAA", 9047.0, "Order"),
                Out.of("Trade_Stream", t("10:00:02"), 1, 3812, 2089.0, "BBBB", "Trade"),
                Out.of("Trade_Stream", t("10:00:03"), 2, 3811, 9040.0, "AAAA", "Trade"),
                Out.of("Trade_Stream", t("10:00:04"), 3, 3812, 2090.0, "BBBB", "Trade"),
                Out.of("DESTINATION_SQL_STREAM", t("10:01:00"), "BBBB", 2),
                Out.of("DESTINATION_SQL_STREAM", t("10:01:00"), "AAAA", 1));
    }
}
