package io.sluice.analytics.plan;

import io.sluice.analytics.plan.Harness.Out;
import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WindowsTest {

    private static final long MINUTE = 60_000;

    @Test
    void tumblingGroupIsEmittedWhenTheNextRowChangesTheMinuteWithRowtimeAtTheWindowEnd() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM counts (ticker VARCHAR(4), n BIGINT, total DOUBLE, at_time TIMESTAMP);
                CREATE PUMP p AS INSERT INTO counts
                    SELECT STREAM ticker_symbol, COUNT(*), SUM(price), ROWTIME
                    FROM SOURCE_SQL_STREAM_001
                    GROUP BY ticker_symbol, STEP(SOURCE_SQL_STREAM_001.ROWTIME BY INTERVAL '60' SECOND);
                """);
        h.tick(10_000, "AMZN", "T", 0, 10).tick(20_000, "IBM", "T", 0, 5).tick(30_000, "AMZN", "T", 0, 12);
        assertThat(h.rows).isEmpty();

        h.tick(MINUTE + 5_000, "AMZN", "T", 0, 1);

        assertThat(h.rows).containsExactly(
                Out.of("COUNTS", MINUTE, "AMZN", 2L, 22.0, MINUTE),
                Out.of("COUNTS", MINUTE, "IBM", 1L, 5.0, MINUTE));
    }

    @Test
    void aRowtimeBoundClosesTheLastTumblingWindowAndHavingFiltersGroups() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM busy (ticker VARCHAR(4), n BIGINT);
                CREATE PUMP p AS INSERT INTO busy
                    SELECT STREAM ticker_symbol, COUNT(*) FROM SOURCE_SQL_STREAM_001
                    GROUP BY FLOOR(ROWTIME TO MINUTE), ticker_symbol
                    HAVING COUNT(*) > 1;
                """);
        h.tick(1_000, "AMZN", "T", 0, 1).tick(2_000, "AMZN", "T", 0, 1).tick(3_000, "IBM", "T", 0, 1);
        h.run.advance(MINUTE - 1);
        assertThat(h.rows).isEmpty();
        assertThat(h.run.retainedFloor()).isEqualTo(1_000L);

        h.run.advance(MINUTE);

        assertThat(h.rows).containsExactly(Out.of("BUSY", MINUTE, "AMZN", 2L));
        assertThat(h.run.retainedFloor()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theWindowKeyInTheSelectListIsTheWindowStartHoweverRowtimeIsQualified() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM starts (window_start TIMESTAMP, window_end TIMESTAMP, n BIGINT);
                CREATE PUMP p AS INSERT INTO starts
                    SELECT STREAM FLOOR(ROWTIME TO MINUTE), ROWTIME, COUNT(*) FROM SOURCE_SQL_STREAM_001 AS s
                    GROUP BY FLOOR(s.ROWTIME TO MINUTE);
                """);
        h.tick(MINUTE + 1_000, "A", "T", 0, 1).tick(MINUTE + 2_000, "A", "T", 0, 1);
        h.run.advance(3 * MINUTE);

        assertThat(h.rows).containsExactly(Out.of("STARTS", 2 * MINUTE, MINUTE, 2 * MINUTE, 2L));
    }

    @Test
    void aWindowOverAStreamFedByAPassThroughPumpAndAWindowedPumpSeesBothBeforeItCloses() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM mid (v DOUBLE);
                CREATE STREAM counted (n BIGINT, total DOUBLE);
                CREATE PUMP raw AS INSERT INTO mid SELECT STREAM price FROM SOURCE_SQL_STREAM_001;
                CREATE PUMP sums AS INSERT INTO mid
                    SELECT STREAM SUM(price) FROM SOURCE_SQL_STREAM_001
                    GROUP BY STEP(SOURCE_SQL_STREAM_001.ROWTIME BY INTERVAL '1' SECOND);
                CREATE PUMP counts AS INSERT INTO counted
                    SELECT STREAM COUNT(*), SUM(v) FROM mid GROUP BY STEP(mid.ROWTIME BY INTERVAL '1' SECOND);
                """);
        h.tick(100, "A", "T", 0, 1).tick(200, "B", "T", 0, 2);
        h.run.advance(1_000);
        h.run.advance(2_000);

        assertThat(h.rows).filteredOn(o -> o.stream().equals("COUNTED")).containsExactly(
                Out.of("COUNTED", 1_000, 2L, 3.0),
                Out.of("COUNTED", 2_000, 1L, 3.0));
        assertThat(h.rows).filteredOn(o -> o.stream().equals("MID")).extracting(Out::rowtime)
                .containsExactly(100L, 200L, 1_000L);
    }

    @Test
    void orderByWithinASecondSortsEachSecondsRowsWhenTheSecondEnds() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM ranked (ticker VARCHAR(4), price DOUBLE);
                CREATE PUMP p AS INSERT INTO ranked
                    SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001
                    ORDER BY FLOOR(ROWTIME TO SECOND), price DESC;
                """);
        h.tick(1_100, "A", "T", 0, 1).tick(1_200, "B", "T", 0, 3).tick(1_300, "C", "T", 0, 2);
        assertThat(h.rows).isEmpty();
        h.tick(2_050, "D", "T", 0, 9);

        assertThat(h.rows).extracting(o -> o.values().get(0)).containsExactly("B", "C", "A");
        assertThat(h.rows).extracting(Out::rowtime).containsExactly(1_200L, 1_300L, 1_300L);

        h.run.advance(3_000);
        assertThat(h.rows).extracting(o -> o.values().get(0)).containsExactly("B", "C", "A", "D");
    }

    @Test
    void orderByMayQualifyRowtimeAndColumnsWithTheStreamNameOrItsAlias() throws Exception {
        for (String from : List.of("SOURCE_SQL_STREAM_001 ORDER BY FLOOR(SOURCE_SQL_STREAM_001.ROWTIME TO SECOND), "
                + "SOURCE_SQL_STREAM_001.price DESC", "SOURCE_SQL_STREAM_001 AS s ORDER BY FLOOR(s.ROWTIME TO SECOND), "
                + "s.price DESC")) {
            Harness h = Harness.ticker("""
                    CREATE STREAM ranked (ticker VARCHAR(4), price DOUBLE);
                    CREATE PUMP p AS INSERT INTO ranked SELECT STREAM ticker_symbol, price FROM %s;
                    """.formatted(from));
            h.tick(1_100, "A", "T", 0, 1).tick(1_200, "B", "T", 0, 3);
            h.run.advance(2_000);

            assertThat(h.rows).extracting(o -> o.values().get(0)).containsExactly("B", "A");
        }
    }

    @Test
    void slidingWindowEmitsOneRowPerInputRowOverTheLastMinutePerPartition() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM moving (ticker VARCHAR(4), avg_price DOUBLE, previous DOUBLE, n BIGINT);
                CREATE PUMP p AS INSERT INTO moving
                    SELECT STREAM ticker_symbol, AVG(price) OVER w, LAG(price, 1) OVER w, COUNT(*) OVER w
                    FROM SOURCE_SQL_STREAM_001
                    WINDOW w AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING);
                """);
        h.tick(0, "A", "T", 0, 10).tick(30_000, "A", "T", 0, 20).tick(40_000, "B", "T", 0, 7)
                .tick(85_000, "A", "T", 0, 30);

        assertThat(h.rows).extracting(Out::values).containsExactly(
                java.util.Arrays.asList("A", 10.0, null, 1L),
                List.of("A", 15.0, 10.0, 2L),
                java.util.Arrays.asList("B", 7.0, null, 1L),
                List.of("A", 25.0, 20.0, 2L));
        assertThat(h.rows).extracting(Out::rowtime).containsExactly(0L, 30_000L, 40_000L, 85_000L);
    }

    @Test
    void staggerWindowClosesByTimeAtOpenPlusInterval() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM stag (ticker VARCHAR(4), n BIGINT);
                CREATE PUMP p AS INSERT INTO stag
                    SELECT STREAM ticker_symbol, COUNT(*) FROM SOURCE_SQL_STREAM_001
                    WINDOWED BY STAGGER (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE);
                """);
        h.tick(20_000, "A", "T", 0, 1).tick(30_000, "A", "T", 0, 1).tick(50_000, "B", "T", 0, 1);
        h.run.advance(MINUTE + 20_000);

        assertThat(h.rows).containsExactly(Out.of("STAG", MINUTE + 20_000, "A", 2L));
        h.run.advance(MINUTE + 50_000);
        assertThat(h.rows).containsExactly(Out.of("STAG", MINUTE + 20_000, "A", 2L),
                Out.of("STAG", MINUTE + 50_000, "B", 1L));
    }

    @Test
    void twoStreamsJoinWithinTheWindowOfTheOverSide() throws Exception {
        RowType orders = RowType.of(Column.of("ORDER_ID", SqlType.INTEGER), Column.of("TICKER", SqlType.varchar(4)));
        RowType trades = RowType.of(Column.of("ORDER_ID", SqlType.INTEGER), Column.of("AMOUNT", SqlType.INTEGER));
        Harness h = new Harness("""
                CREATE STREAM matched (order_id INTEGER, ticker VARCHAR(4), amount INTEGER);
                CREATE PUMP p AS INSERT INTO matched
                    SELECT STREAM o.order_id, o.ticker, t.amount
                    FROM "Orders" AS o JOIN "Trades" OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t
                    ON o.order_id = t.order_id;
                """, new Catalog(Map.of("Orders", orders, "Trades", trades), Map.of()));
        h.run.push("Trades", 1_000, new Object[] {1, 100});
        h.run.push("Trades", 2_000, new Object[] {2, 200});
        h.run.push("Orders", 30_000, new Object[] {1, "AMZN"});
        h.run.push("Orders", 90_000, new Object[] {2, "IBM"});

        assertThat(h.rows).containsExactly(Out.of("MATCHED", 30_000, 1, "AMZN", 100));
    }

    @Test
    void anomalyScoresComeFromRandomCutForestSortedWithinEachSecond() throws Exception {
        RowType input = RowType.of(Column.of("X", SqlType.DOUBLE));
        Harness h = new Harness("""
                CREATE STREAM scored (x DOUBLE, anomaly_score DOUBLE);
                CREATE PUMP p AS INSERT INTO scored
                    SELECT STREAM x, anomaly_score
                    FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM x FROM "IN"), 10, 10, 20, 1))
                    ORDER BY FLOOR(ROWTIME TO SECOND), anomaly_score DESC;
                """, new Catalog(Map.of("IN", input), Map.of()));
        for (int i = 0; i < 40; i++) {
            h.run.push("IN", i * 100L, new Object[] {(double) (i % 3)});
        }
        h.run.push("IN", 4_000, new Object[] {500.0});
        h.run.advance(5_000);

        assertThat(h.rows).hasSize(41);
        assertThat(h.rows.subList(0, 10)).allSatisfy(o -> assertThat(o.values().get(1)).isEqualTo(0.0));
        Out outlier = h.rows.get(40);
        assertThat(outlier.values().get(0)).isEqualTo(500.0);
        assertThat((Double) outlier.values().get(1)).isGreaterThan(1.0);
        for (int second = 1; second < 4; second++) {
            List<Double> scores = new ArrayList<>();
            for (Out o : h.rows.subList(second * 10, second * 10 + 10)) {
                scores.add((Double) o.values().get(1));
            }
            assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }
    }

    @Test
    void aStreamJoinsAReferenceTableWithLeftJoinAndSeesItsReplacement() throws Exception {
        RowType companies = RowType.of(Column.of("TICKER", SqlType.varchar(4)),
                Column.of("COMPANY", SqlType.varchar(20)));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"AMZN", "Amazon"});
        Harness h = new Harness("""
                CREATE STREAM named (ticker VARCHAR(4), company VARCHAR(20));
                CREATE PUMP p AS INSERT INTO named
                    SELECT STREAM s.ticker_symbol, c.company
                    FROM SOURCE_SQL_STREAM_001 AS s LEFT JOIN "CompanyName" AS c ON s.ticker_symbol = c.ticker;
                """, new Catalog(Map.of(Harness.SOURCE, Harness.TICKER), Map.of("CompanyName", companies)),
                Map.of("CompanyName", rows));
        h.tick(1_000, "AMZN", "T", 0, 1).tick(2_000, "IBM", "T", 0, 1);
        h.run.replaceReferenceTable("CompanyName", List.<Object[]>of(new Object[] {"IBM", "IBM Corp"}));
        h.tick(3_000, "IBM", "T", 0, 1);

        assertThat(h.rows).containsExactly(Out.of("NAMED", 1_000, "AMZN", "Amazon"),
                Out.of("NAMED", 2_000, "IBM", null), Out.of("NAMED", 3_000, "IBM", "IBM Corp"));
    }

    @Test
    void replacingAReferenceTableTheCodeNeverJoinsIsAllowed() throws Exception {
        RowType unused = RowType.of(Column.of("K", SqlType.INTEGER));
        Harness h = new Harness("""
                CREATE STREAM o (sym VARCHAR(4));
                CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker_symbol FROM SOURCE_SQL_STREAM_001;
                """, new Catalog(Map.of(Harness.SOURCE, Harness.TICKER), Map.of("UNUSED", unused)));

        h.run.replaceReferenceTable("UNUSED", List.<Object[]>of(new Object[] {1}));
        h.tick(1_000, "AMZN", "T", 0, 1);

        assertThat(h.rows).containsExactly(Out.of("O", 1_000, "AMZN"));
    }
}
