package io.sluice.analytics.plan;

import io.sluice.analytics.plan.Harness.Out;
import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PumpsTest {

    @Test
    void stockTickerFilterAppPassesOnlyTechRowsWithTheirRowtime() throws Exception {
        Harness h = Harness.ticker("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12),
                    change DOUBLE, price DOUBLE);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                    SELECT STREAM ticker_symbol, sector, change, price
                    FROM "SOURCE_SQL_STREAM_001"
                    WHERE sector SIMILAR TO '%TECH%';
                """);
        h.tick(1000, "AMZN", "TECHNOLOGY", 1.5, 100.25)
                .tick(2000, "XOM", "ENERGY", -0.5, 80)
                .tick(3000, "MSFT", "TECHNOLOGY", 0.25, 50.5);

        assertThat(h.rows).containsExactly(
                Out.of("DESTINATION_SQL_STREAM", 1000, "AMZN", "TECHNOLOGY", 1.5, 100.25),
                Out.of("DESTINATION_SQL_STREAM", 3000, "MSFT", "TECHNOLOGY", 0.25, 50.5));
        assertThat(h.errors).isEmpty();
        assertThat(h.program.streams()).containsOnlyKeys("DESTINATION_SQL_STREAM");
    }

    @Test
    void projectionsComputeCaseCastArithmeticAndRowtime() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM out_s (sym VARCHAR(2), movement VARCHAR(8), cents INTEGER, t TIMESTAMP, price_text VARCHAR(10));
                CREATE PUMP p AS INSERT INTO out_s
                    SELECT STREAM ticker_symbol,
                        CASE WHEN change > 0 THEN 'UP' WHEN change < 0 THEN 'DOWN' ELSE 'FLAT' END,
                        CAST(price * 100 AS INTEGER), ROWTIME, CAST(price AS VARCHAR(10))
                    FROM SOURCE_SQL_STREAM_001;
                """);
        h.tick(5000, "AMZN", "TECHNOLOGY", 1.5, 12.5).tick(6000, "IBM", "TECHNOLOGY", 0, 3);

        assertThat(h.rows).extracting(Out::values).containsExactly(
                java.util.List.of("AM", "UP", 1250, 5000L, "12.5"),
                java.util.List.of("IB", "FLAT", 300, 6000L, "3.0"));
        assertThat(h.rows).extracting(Out::rowtime).containsExactly(5000L, 6000L);
    }

    @Test
    void severalPumpsInsertIntoOneStreamAndColumnListsMapByPosition() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM merged (a VARCHAR(8), b DOUBLE);
                CREATE PUMP tech AS INSERT INTO merged (b, a)
                    SELECT STREAM price, ticker_symbol FROM SOURCE_SQL_STREAM_001 WHERE sector = 'TECHNOLOGY';
                CREATE PUMP energy AS INSERT INTO merged (a)
                    SELECT STREAM sector FROM SOURCE_SQL_STREAM_001 WHERE sector = 'ENERGY';
                """);
        h.tick(1000, "AMZN", "TECHNOLOGY", 1, 10).tick(2000, "XOM", "ENERGY", 1, 20);

        assertThat(h.rows).containsExactly(
                Out.of("MERGED", 1000, "AMZN", 10.0),
                Out.of("MERGED", 2000, "ENERGY", null));
    }

    @Test
    void oneStreamReadByTwoPumpsFansOutAndAChainOfThreeStreamsCopiesRowtime() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM s1 (sym VARCHAR(4), price DOUBLE);
                CREATE STREAM s2 (sym VARCHAR(4));
                CREATE STREAM s3 (doubled DOUBLE);
                CREATE PUMP p3 AS INSERT INTO s3 SELECT STREAM price * 2 FROM s1;
                CREATE PUMP p1 AS INSERT INTO s1 SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001;
                CREATE PUMP p2 AS INSERT INTO s2 SELECT STREAM * FROM (SELECT STREAM sym FROM s1) AS x;
                """);
        h.tick(7000, "AMZN", "TECHNOLOGY", 1, 10);

        assertThat(h.rows).containsExactlyInAnyOrder(
                Out.of("S1", 7000, "AMZN", 10.0),
                Out.of("S2", 7000, "AMZN"),
                Out.of("S3", 7000, 20.0));
        assertThat(h.rows.get(0).stream()).isEqualTo("S1");
    }

    @Test
    void selectStarExpandsVisibleColumnsOnlyAndHiddenColumnsCanBeNamed() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM copy (a VARCHAR(4), b VARCHAR(16), c REAL, d REAL);
                CREATE STREAM arrivals (arrived TIMESTAMP);
                CREATE PUMP p AS INSERT INTO copy SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
                CREATE PUMP q AS INSERT INTO arrivals SELECT STREAM APPROXIMATE_ARRIVAL_TIME FROM SOURCE_SQL_STREAM_001;
                """);
        h.tick(1000, "AMZN", "TECHNOLOGY", 1, 10);

        assertThat(h.rows).containsExactly(
                Out.of("COPY", 1000, "AMZN", "TECHNOLOGY", 1.0f, 10.0f),
                Out.of("ARRIVALS", 1000, 995L));
    }

    @Test
    void insertTruncatesToTheTargetVarcharLengthAndQuotedNamesKeepTheirCase() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM "Short" ("sym" VARCHAR(2), amount DECIMAL(6,2));
                CREATE PUMP p AS INSERT INTO "Short" SELECT STREAM ticker_symbol, 12 FROM SOURCE_SQL_STREAM_001;
                """);
        h.tick(1000, "AMZN", "TECHNOLOGY", 1, 10);

        assertThat(h.rows).containsExactly(Out.of("Short", 1000, "AM", new BigDecimal("12.00")));
        assertThat(h.program.streams().get("Short").column(0).name()).isEqualTo("sym");
    }

    @Test
    void aLogParsersRowIsReadByItsFieldsThroughASubquery() throws Exception {
        RowType logs = RowType.of(Column.of("LINE", SqlType.varchar(64)));
        Harness h = new Harness("""
                CREATE STREAM parsed (word VARCHAR(16), num VARCHAR(8));
                CREATE PUMP p AS INSERT INTO parsed
                    SELECT STREAM t.r.COLUMN1, t.r.COLUMN2
                    FROM (SELECT STREAM REGEX_LOG_PARSE(line, '(\\w+) (\\d+)') AS r FROM "LOGS") AS t;
                """, new Catalog(Map.of("LOGS", logs), Map.of()));
        h.run.push("LOGS", 1000, new Object[] {"hello 42"});

        assertThat(h.rows).containsExactly(Out.of("PARSED", 1000, "hello", "42"));
    }

    @Test
    void pushClampsRowtimeSoItNeverGoesBack() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM o (sym VARCHAR(4), t TIMESTAMP);
                CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker_symbol, ROWTIME FROM SOURCE_SQL_STREAM_001;
                """);
        h.tick(5000, "A", "X", 0, 1).tick(3000, "B", "X", 0, 1);
        h.run.advance(4000);
        h.tick(4500, "C", "X", 0, 1);

        assertThat(h.rows).extracting(Out::rowtime).containsExactly(5000L, 5000L, 5000L);
        assertThat(h.rows.get(1).values()).containsExactly("B", 5000L);
    }

    @Test
    void aRowThatFailsACastGoesToTheErrorStreamWithThePumpNameAndTheAppKeepsRunning() throws Exception {
        RowType input = RowType.of(Column.of("V", SqlType.varchar(10)));
        Harness h = new Harness("""
                CREATE STREAM nums (n INTEGER);
                CREATE PUMP "CAST_PUMP" AS INSERT INTO nums SELECT STREAM CAST(v AS INTEGER) FROM "IN";
                """, new Catalog(Map.of("IN", input), Map.of()));
        h.run.push("IN", 1000, new Object[] {"12"});
        h.run.push("IN", 2000, new Object[] {"twelve"});
        h.run.push("IN", 3000, new Object[] {"13"});

        assertThat(h.rows).containsExactly(Out.of("NUMS", 1000, 12), Out.of("NUMS", 3000, 13));
        assertThat(h.errors).hasSize(1);
        var error = h.errors.get(0);
        assertThat(error.pumpName()).isEqualTo("CAST_PUMP");
        assertThat(error.dataRowtime()).isEqualTo(2000L);
        assertThat(error.dataRow()).isEqualTo(java.util.HexFormat.of().formatHex("twelve".getBytes()));
        assertThat(error.errorTime()).isEqualTo(42L);
        assertThat(error.name()).isNotBlank();
    }
}
