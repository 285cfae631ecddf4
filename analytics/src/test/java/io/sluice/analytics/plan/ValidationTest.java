package io.sluice.analytics.plan;

import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.program.CodeValidationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ValidationTest {

    private static final Catalog TICKER = new Catalog(Map.of(Harness.SOURCE, Harness.TICKER), Map.of());
    private final KdaCompiler compiler = new KdaCompiler();

    private CodeValidationException compileError(String code) {
        return catchThrowableOfType(CodeValidationException.class, () -> compiler.compile(code, TICKER));
    }

    private CodeValidationException checkError(String code) {
        return catchThrowableOfType(CodeValidationException.class, () -> compiler.check(code));
    }

    @Test
    void anUnknownColumnIsRefusedAtItsPosition() {
        CodeValidationException e = compileError("""
                CREATE STREAM o (a VARCHAR(4));
                CREATE PUMP p AS INSERT INTO o
                  SELECT STREAM no_such FROM SOURCE_SQL_STREAM_001;
                """);
        assertThat(e.reason()).contains("unknown column NO_SUCH");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(17);
    }

    @Test
    void anUnknownStreamAndAnInsertIntoAMissingStreamAreRefused() {
        assertThat(compileError("""
                CREATE STREAM o (a VARCHAR(4));
                CREATE PUMP p AS INSERT INTO o SELECT STREAM a FROM nowhere;
                """).reason()).contains("unknown stream NOWHERE");
        CodeValidationException e = compileError(
                "CREATE PUMP p AS INSERT INTO missing SELECT STREAM ticker_symbol FROM SOURCE_SQL_STREAM_001;");
        assertThat(e.reason()).contains("MISSING");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(30);
    }

    @Test
    void anInsertWithTheWrongNumberOrTypeOfValuesIsRefused() {
        assertThat(compileError("""
                CREATE STREAM o (a VARCHAR(4), b DOUBLE);
                CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker_symbol FROM SOURCE_SQL_STREAM_001;
                """).reason()).contains("gives 1 values for 2 columns");
        assertThat(compileError("""
                CREATE STREAM o (b BOOLEAN);
                CREATE PUMP p AS INSERT INTO o SELECT STREAM price FROM SOURCE_SQL_STREAM_001;
                """).reason()).contains("BOOLEAN");
    }

    @Test
    void checkRefusesUnsupportedConstructsByNameWithoutKnowingTheInputs() {
        CodeValidationException noStream = checkError("""
                CREATE STREAM o (a INTEGER);
                CREATE PUMP p AS INSERT INTO o SELECT a FROM s;
                """);
        assertThat(noStream.reason()).contains("SELECT without STREAM");
        assertThat(noStream.line()).isEqualTo(2);

        assertThat(checkError("""
                CREATE STREAM o (a INTEGER);
                CREATE PUMP p AS INSERT INTO o SELECT STREAM COUNT(*) FROM s GROUP BY a;
                """).reason()).contains("monotonic in ROWTIME");

        CodeValidationException distinct = checkError("""
                CREATE STREAM o (a BIGINT);
                CREATE PUMP p AS INSERT INTO o
                  SELECT STREAM COUNT(DISTINCT a) FROM s GROUP BY FLOOR(s.ROWTIME TO MINUTE);
                """);
        assertThat(distinct.reason()).contains("COUNT(DISTINCT ...) is not supported in a streaming GROUP BY");
        assertThat(distinct.line()).isEqualTo(3);
        assertThat(distinct.column()).isEqualTo(17);

        CodeValidationException unknown = checkError("""
                CREATE STREAM o (a INTEGER);
                CREATE PUMP p AS INSERT INTO o SELECT STREAM NO_SUCH_FN(a) FROM s;
                """);
        assertThat(unknown.reason()).contains("unknown function NO_SUCH_FN");
        assertThat(unknown.column()).isEqualTo(46);

        assertThat(checkError("CREATE PUMP p AS INSERT INTO o SELECT STREAM * FROM TABLE(NOT_A_TF(CURSOR(SELECT "
                + "STREAM * FROM s)));").reason()).contains("unknown table function NOT_A_TF");
    }

    @Test
    void checkAcceptsTheDocumentedProgramShapes() {
        assertThatCode(() -> compiler.check("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), n INTEGER);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count
                  FROM "SOURCE_SQL_STREAM_001"
                  GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND), ticker_symbol;
                CREATE OR REPLACE PUMP "ANOMALY_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                  SELECT STREAM * FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001")))
                  ORDER BY FLOOR(ROWTIME TO SECOND), ANOMALY_SCORE DESC;
                """)).doesNotThrowAnyException();
    }

    @Test
    void aggregatesWithoutGroupByAndOrderByWithoutAMonotonicKeyAreRefused() {
        assertThat(compileError("""
                CREATE STREAM o (n BIGINT);
                CREATE PUMP p AS INSERT INTO o SELECT STREAM COUNT(*) FROM SOURCE_SQL_STREAM_001;
                """).reason()).contains("needs GROUP BY");
        assertThat(compileError("""
                CREATE STREAM o (n REAL);
                CREATE PUMP p AS INSERT INTO o SELECT STREAM price FROM SOURCE_SQL_STREAM_001 ORDER BY price;
                """).reason()).contains("ORDER BY on a stream must start");
    }

    @Test
    void aPumpFeedingAStreamItReadsIsRefused() {
        assertThat(compileError("""
                CREATE STREAM a (x REAL);
                CREATE STREAM b (x REAL);
                CREATE PUMP p1 AS INSERT INTO a SELECT STREAM x FROM b;
                CREATE PUMP p2 AS INSERT INTO b SELECT STREAM x FROM a;
                """).reason()).contains("feeds a stream it reads");
    }

    @Test
    void statementsOtherThanStreamsAndPumpsAreRefused() {
        CodeValidationException e = compileError("INSERT INTO o SELECT STREAM * FROM SOURCE_SQL_STREAM_001;");
        assertThat(e.reason()).contains("INSERT outside CREATE PUMP");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void aSyntaxErrorCarriesTheParsersPosition() {
        CodeValidationException e = compileError("CREATE STREAM o (a INTEGER);\nCREATE PUMP p AS INSERT INTO o SELEC");
        assertThat(e.line()).isEqualTo(2);
    }
}
