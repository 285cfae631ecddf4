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
}
