package io.sluice.analytics.sql;

import io.sluice.analytics.program.CodeValidationException;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWindow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The KDA documentation's programs (paraphrased) and their variants, parsed into the documented tree shapes. */
class KdaSqlParserTest {

    private final KdaSqlParser parser = new KdaSqlParser();

    @Test
    void gettingStartedProgramParsesIntoAStreamAndAPumpThatInsertsAStreamingSelect() throws Exception {
        List<SqlNode> program = parser.parseProgram("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12),
                    change DOUBLE, price DOUBLE);
                -- the pump copies technology stocks
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                    SELECT STREAM ticker_symbol, sector, change, price
                    FROM "SOURCE_SQL_STREAM_001"
                    WHERE sector SIMILAR TO '%TECH%';
                """);

        assertThat(program).hasSize(2);
        SqlCreateStream stream = (SqlCreateStream) program.get(0);
        assertThat(stream.replace()).isTrue();
        assertThat(stream.name().getSimple()).isEqualTo("DESTINATION_SQL_STREAM");
        assertThat(stream.columns()).extracting(c -> c.name().getSimple())
                .containsExactly("TICKER_SYMBOL", "SECTOR", "CHANGE", "PRICE");
        assertThat(stream.columns()).extracting(c -> c.type().toString())
                .containsExactly("VARCHAR(4)", "VARCHAR(12)", "DOUBLE", "DOUBLE");
        assertThat(stream.description()).isEmpty();
        assertThat(stream.getParserPosition().getLineNum()).isEqualTo(1);

        SqlCreatePump pump = (SqlCreatePump) program.get(1);
        assertThat(pump.replace()).isTrue();
        assertThat(pump.expedited()).isFalse();
        assertThat(pump.name().getSimple()).isEqualTo("STREAM_PUMP");
        assertThat(pump.getParserPosition().getLineNum()).isEqualTo(4);
        assertThat(((SqlIdentifier) pump.insert().getTargetTable()).getSimple()).isEqualTo("DESTINATION_SQL_STREAM");
        assertThat(pump.insert().getTargetColumnList()).isNull();
        SqlSelect select = (SqlSelect) pump.insert().getSource();
        assertThat(select.getModifierNode(SqlSelectKeyword.STREAM)).isNotNull();
        assertThat(names(select.getSelectList())).containsExactly("TICKER_SYMBOL", "SECTOR", "CHANGE", "PRICE");
        assertThat(((SqlIdentifier) select.getFrom()).getSimple()).isEqualTo("SOURCE_SQL_STREAM_001");
        SqlCall similar = (SqlCall) select.getWhere();
        assertThat(similar.getKind()).isEqualTo(SqlKind.SIMILAR);
        assertThat(((SqlLiteral) similar.operand(1)).getValueAs(String.class)).isEqualTo("%TECH%");
    }

    @Test
    void streamAndPumpKeepTheirOptionalParts() throws Exception {
        List<SqlNode> program = parser.parseProgram("""
                CREATE STREAM totals (n INTEGER NOT NULL, seen TIMESTAMP, amount DECIMAL(8, 2), ratio REAL NULL)
                    DESCRIPTION 'per-minute totals';
                CREATE PUMP "Totals_Pump" DESCRIPTION 'fills totals'
                    AS INSERT EXPEDITED INTO totals (n, amount) SELECT STREAM n, amount FROM "in";
                """);

        SqlCreateStream stream = (SqlCreateStream) program.get(0);
        assertThat(stream.replace()).isFalse();
        assertThat(stream.name().getSimple()).isEqualTo("TOTALS");
        assertThat(stream.description()).contains("per-minute totals");
        assertThat(stream.columns()).extracting(c -> c.type().toString())
                .containsExactly("INTEGER", "TIMESTAMP", "DECIMAL(8, 2)", "REAL");
        assertThat(stream.columns()).extracting(c -> c.type().getNullable()).containsExactly(false, null, null, true);

        SqlCreatePump pump = (SqlCreatePump) program.get(1);
        assertThat(pump.replace()).isFalse();
        assertThat(pump.name().getSimple()).isEqualTo("Totals_Pump");
        assertThat(pump.description()).contains("fills totals");
        assertThat(pump.expedited()).isTrue();
        assertThat(names(pump.insert().getTargetColumnList())).containsExactly("N", "AMOUNT");
        assertThat(((SqlIdentifier) ((SqlSelect) pump.insert().getSource()).getFrom()).getSimple()).isEqualTo("in");
    }

    @Test
    void tumblingWindowWithStepGroupsByACallOfTheStepOperator() throws Exception {
        SqlSelect select = pumpSelect("""
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count
                FROM "SOURCE_SQL_STREAM_001"
                GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);
                """);

        SqlCall step = (SqlCall) select.getGroup().get(1);
        assertThat(step.getOperator()).isSameAs(KdaOperators.STEP);
        assertThat(step.operandCount()).isEqualTo(2);
        SqlIdentifier value = step.operand(0);
        assertThat(value.names).containsExactly("SOURCE_SQL_STREAM_001", "ROWTIME");
        SqlNode width = step.operand(1);
        assertThat(width).isInstanceOf(SqlIntervalLiteral.class);
        assertThat(width.toString()).isEqualTo("INTERVAL '60' SECOND");
    }

    @Test
    void stepTakesANumericWidthAndAParenthesisedValue() throws Exception {
        SqlSelect select = onlySelect("""
                SELECT STREAM STEP(price BY 10) AS band, COUNT(*)
                FROM s GROUP BY STEP(price BY 10), STEP((s.rowtime) BY INTERVAL '5' SECOND)
                """);

        SqlCall band = (SqlCall) ((SqlCall) select.getSelectList().get(0)).operand(0);
        assertThat(band.getOperator()).isSameAs(KdaOperators.STEP);
        assertThat(band.<SqlNode>operand(1)).isInstanceOf(SqlNumericLiteral.class);
        SqlCall rowtimeStep = (SqlCall) select.getGroup().get(1);
        assertThat(((SqlIdentifier) rowtimeStep.operand(0)).names).containsExactly("S", "ROWTIME");
    }

    @Test
    void stepIsStillUsableAsAnUnquotedColumnName() throws Exception {
        SqlSelect select = onlySelect("SELECT STREAM step, stagger, pump FROM s");

        assertThat(names(select.getSelectList())).containsExactly("STEP", "STAGGER", "PUMP");
    }

    @Test
    void tumblingWindowWithFloorGroupsByTheStockFloorCall() throws Exception {
        SqlSelect select = onlySelect("""
                SELECT STREAM FLOOR(s.ROWTIME TO MINUTE) AS minute_start, ticker_symbol, MAX(price)
                FROM s GROUP BY FLOOR(s.ROWTIME TO MINUTE), ticker_symbol
                """);

        SqlCall floor = (SqlCall) select.getGroup().get(0);
        assertThat(floor.getKind()).isEqualTo(SqlKind.FLOOR);
        assertThat(((SqlIdentifier) floor.operand(0)).names).containsExactly("S", "ROWTIME");
        assertThat(floor.operand(1).toString()).isEqualTo("MINUTE");
    }

    @Test
    void staggerWindowIsTheOnlyGroupByElementBetweenWhereAndHaving() throws Exception {
        SqlSelect select = pumpSelect("""
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM ticker_symbol, FLOOR(event_time TO MINUTE), COUNT(*) AS ticker_count
                FROM "SOURCE_SQL_STREAM_001"
                WHERE price > 0
                WINDOWED BY STAGGER (
                    PARTITION BY FLOOR(event_time TO MINUTE), ticker_symbol RANGE INTERVAL '1' MINUTE)
                HAVING COUNT(*) > 1;
                """);

        assertThat(select.getGroup()).hasSize(1);
        SqlCall stagger = (SqlCall) select.getGroup().get(0);
        assertThat(stagger.getOperator()).isSameAs(KdaOperators.STAGGER);
        SqlNodeList keys = stagger.operand(0);
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).getKind()).isEqualTo(SqlKind.FLOOR);
        assertThat(((SqlIdentifier) keys.get(1)).getSimple()).isEqualTo("TICKER_SYMBOL");
        SqlNode range = stagger.operand(1);
        assertThat(range).isInstanceOf(SqlIntervalLiteral.class);
        assertThat(range.toString()).isEqualTo("INTERVAL '1' MINUTE");
        assertThat(select.getWhere().getKind()).isEqualTo(SqlKind.GREATER_THAN);
        assertThat(select.getHaving().getKind()).isEqualTo(SqlKind.GREATER_THAN);
    }

    @Test
    void slidingWindowsByNameAndInline() throws Exception {
        SqlSelect select = onlySelect("""
                SELECT STREAM ticker_symbol,
                    MAX(price) OVER w1 AS max_price,
                    AVG(price) OVER (PARTITION BY ticker_symbol ROWS 2 PRECEDING) AS avg_last_three
                FROM "SOURCE_SQL_STREAM_001"
                WINDOW w1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING)
                """);

        SqlCall named = (SqlCall) ((SqlCall) select.getSelectList().get(1)).operand(0);
        assertThat(named.getKind()).isEqualTo(SqlKind.OVER);
        assertThat(((SqlIdentifier) named.operand(1)).getSimple()).isEqualTo("W1");
        SqlWindow declared = (SqlWindow) select.getWindowList().get(0);
        assertThat(declared.getDeclName().getSimple()).isEqualTo("W1");
        assertThat(declared.isRows()).isFalse();
        assertThat(names(declared.getPartitionList())).containsExactly("TICKER_SYMBOL");
        assertThat(declared.getLowerBound().toString()).isEqualTo("INTERVAL '1' MINUTE PRECEDING");

        SqlCall inline = (SqlCall) ((SqlCall) select.getSelectList().get(2)).operand(0);
        SqlWindow rows = inline.operand(1);
        assertThat(rows.isRows()).isTrue();
        assertThat(rows.getLowerBound().toString()).isEqualTo("2 PRECEDING");
    }

    @Test
    void twoWindowEventTimeProgramChainsTwoPumpsThroughAStream() throws Exception {
        List<SqlNode> program = parser.parseProgram("""
                CREATE OR REPLACE STREAM "CALC_COUNT_SQL_STREAM" (ticker VARCHAR(4), tradetime TIMESTAMP,
                    tickercount DOUBLE);
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), tradetime TIMESTAMP,
                    tickercount DOUBLE);
                CREATE PUMP "CALC_COUNT_SQL_PUMP_001" AS
                    INSERT INTO "CALC_COUNT_SQL_STREAM" ("TICKER", "TRADETIME", "TICKERCOUNT")
                    SELECT STREAM "TICKER_SYMBOL",
                        STEP("SOURCE_SQL_STREAM_001"."APPROXIMATE_ARRIVAL_TIME" BY INTERVAL '1' MINUTE),
                        COUNT(*)
                    FROM "SOURCE_SQL_STREAM_001"
                    GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE),
                        STEP("SOURCE_SQL_STREAM_001"."APPROXIMATE_ARRIVAL_TIME" BY INTERVAL '1' MINUTE),
                        "TICKER_SYMBOL";
                CREATE PUMP "AGGREGATED_SQL_PUMP" AS
                    INSERT INTO "DESTINATION_SQL_STREAM" ("TICKER", "TRADETIME", "TICKERCOUNT")
                    SELECT STREAM "TICKER", "TRADETIME", SUM("TICKERCOUNT") OVER w1 AS "TICKERCOUNT"
                    FROM "CALC_COUNT_SQL_STREAM"
                    WINDOW w1 AS (PARTITION BY "TRADETIME" RANGE INTERVAL '10' MINUTE PRECEDING);
                """);

        assertThat(program).extracting(n -> n.getClass().getSimpleName()).containsExactly(
                "SqlCreateStream", "SqlCreateStream", "SqlCreatePump", "SqlCreatePump");
        SqlInsert first = ((SqlCreatePump) program.get(2)).insert();
        assertThat(names(first.getTargetColumnList())).containsExactly("TICKER", "TRADETIME", "TICKERCOUNT");
        SqlNodeList group = ((SqlSelect) first.getSource()).getGroup();
        assertThat(group).hasSize(3);
        assertThat(((SqlCall) group.get(0)).getOperator()).isSameAs(KdaOperators.STEP);
        assertThat(((SqlIdentifier) ((SqlCall) group.get(0)).operand(0)).names)
                .containsExactly("SOURCE_SQL_STREAM_001", "ROWTIME");
        assertThat(((SqlIdentifier) ((SqlCall) group.get(1)).operand(0)).names)
                .containsExactly("SOURCE_SQL_STREAM_001", "APPROXIMATE_ARRIVAL_TIME");
        SqlSelect second = (SqlSelect) ((SqlCreatePump) program.get(3)).insert().getSource();
        assertThat(((SqlWindow) second.getWindowList().get(0)).getLowerBound().toString())
                .isEqualTo("INTERVAL '10' MINUTE PRECEDING");
    }

    @Test
    void randomCutForestIsATableFunctionOverACursorAndOrderByLeadsWithFloorOfRowtime() throws Exception {
        List<SqlNode> program = parser.parseProgram("""
                CREATE OR REPLACE STREAM "TEMP_STREAM" ("TEMP" INTEGER, "ANOMALY_SCORE" DOUBLE);
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("TEMP" INTEGER, "ANOMALY_SCORE" DOUBLE);
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "TEMP_STREAM"
                    SELECT STREAM "TEMP", "ANOMALY_SCORE"
                    FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
                        100, 256, 100000, 1));
                CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                    SELECT STREAM * FROM "TEMP_STREAM"
                    ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;
                """);

        SqlSelect scoring = (SqlSelect) ((SqlCreatePump) program.get(2)).insert().getSource();
        SqlCall function = tableFunction(scoring);
        assertThat(function.getOperator()).isInstanceOf(SqlUnresolvedFunction.class);
        assertThat(function.getOperator().getName()).isEqualTo("RANDOM_CUT_FOREST");
        assertThat(function.operandCount()).isEqualTo(5);
        SqlCall cursor = function.operand(0);
        assertThat(cursor.getKind()).isEqualTo(SqlKind.CURSOR);
        SqlSelect cursorQuery = cursor.operand(0);
        assertThat(cursorQuery.getModifierNode(SqlSelectKeyword.STREAM)).isNotNull();
        assertThat(function.getOperandList().subList(1, 5)).extracting(SqlNode::toString)
                .containsExactly("100", "256", "100000", "1");

        SqlOrderBy ordered = (SqlOrderBy) ((SqlCreatePump) program.get(3)).insert().getSource();
        assertThat(ordered.query).isInstanceOf(SqlSelect.class);
        SqlCall floor = (SqlCall) ordered.orderList.get(0);
        assertThat(floor.getKind()).isEqualTo(SqlKind.FLOOR);
        assertThat(((SqlIdentifier) floor.operand(0)).names).containsExactly("TEMP_STREAM", "ROWTIME");
        SqlCall descending = (SqlCall) ordered.orderList.get(1);
        assertThat(descending.getKind()).isEqualTo(SqlKind.DESCENDING);
        assertThat(((SqlIdentifier) descending.operand(0)).getSimple()).isEqualTo("ANOMALY_SCORE");
    }

    @Test
    void randomCutForestWithExplanationTakesTheDirectionalityFlag() throws Exception {
        SqlSelect select = onlySelect("""
                SELECT STREAM "PRICE", ANOMALY_SCORE, ANOMALY_EXPLANATION
                FROM TABLE(RANDOM_CUT_FOREST_WITH_EXPLANATION(
                    CURSOR(SELECT STREAM "PRICE", "CHANGE" FROM "SOURCE_SQL_STREAM_001"),
                    100, 256, 100000, 1, true))
                """);

        SqlCall function = tableFunction(select);
        assertThat(function.getOperator().getName()).isEqualTo("RANDOM_CUT_FOREST_WITH_EXPLANATION");
        assertThat(function.operandCount()).isEqualTo(6);
        assertThat(((SqlLiteral) function.operand(5)).booleanValue()).isTrue();
    }

    @Test
    void hotspotsAndTopKAreTableFunctionsAlsoUnderANonStreamingOuterSelect() throws Exception {
        SqlSelect hotspots = pumpSelect("""
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT "x", "y", "is_hot", "HOTSPOTS_RESULT"
                FROM TABLE (HOTSPOTS(CURSOR(SELECT STREAM "x", "y", "is_hot" FROM "SOURCE_SQL_STREAM_001"),
                    1000, 0.2, 17));
                """);
        SqlCall hotspotsCall = tableFunction(hotspots);
        assertThat(hotspots.getModifierNode(SqlSelectKeyword.STREAM)).isNull();
        assertThat(names(hotspots.getSelectList())).containsExactly("x", "y", "is_hot", "HOTSPOTS_RESULT");
        assertThat(hotspotsCall.getOperator().getName()).isEqualTo("HOTSPOTS");
        assertThat(hotspotsCall.getOperandList()).extracting(SqlNode::toString).endsWith("1000", "0.2", "17");

        SqlSelect topK = onlySelect("""
                SELECT STREAM * FROM TABLE(TOP_K_ITEMS_TUMBLING(
                    CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 'TICKER_SYMBOL', 5, 60))
                """);
        SqlCall topKCall = tableFunction(topK);
        assertThat(topKCall.getOperator().getName()).isEqualTo("TOP_K_ITEMS_TUMBLING");
        assertThat(((SqlLiteral) topKCall.operand(1)).getValueAs(String.class)).isEqualTo("TICKER_SYMBOL");
    }

    @Test
    void streamToStreamJoinWrapsTheWindowedSideInTableOverUnderItsAlias() throws Exception {
        SqlSelect select = pumpSelect("""
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM o.ticker_symbol, o.price AS order_price, t.price AS trade_price
                FROM "Orders" AS o
                JOIN "Trades" OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t
                ON o.ticker_symbol = t.ticker_symbol;
                """);

        SqlJoin join = (SqlJoin) select.getFrom();
        assertThat(join.getJoinType()).isEqualTo(JoinType.INNER);
        SqlCall left = (SqlCall) join.getLeft();
        assertThat(left.getKind()).isEqualTo(SqlKind.AS);
        assertThat(((SqlIdentifier) left.operand(0)).getSimple()).isEqualTo("Orders");
        SqlCall right = (SqlCall) join.getRight();
        assertThat(right.getKind()).isEqualTo(SqlKind.AS);
        assertThat(((SqlIdentifier) right.operand(1)).getSimple()).isEqualTo("T");
        SqlCall over = right.operand(0);
        assertThat(over.getOperator()).isSameAs(KdaOperators.TABLE_OVER);
        assertThat(((SqlIdentifier) over.operand(0)).getSimple()).isEqualTo("Trades");
        SqlWindow window = over.operand(1);
        assertThat(window.isRows()).isFalse();
        assertThat(window.getLowerBound().toString()).isEqualTo("INTERVAL '1' MINUTE PRECEDING");
        assertThat(join.getCondition().getKind()).isEqualTo(SqlKind.EQUALS);
    }

    @Test
    void leftOuterStreamJoinMayWindowEitherSide() throws Exception {
        SqlSelect select = onlySelect("""
                SELECT STREAM a.id FROM "A" OVER (ROWS 10 PRECEDING) AS a
                LEFT OUTER JOIN "B" OVER (RANGE INTERVAL '30' SECOND PRECEDING) AS b ON a.id = b.id
                """);

        SqlJoin join = (SqlJoin) select.getFrom();
        assertThat(join.getJoinType()).isEqualTo(JoinType.LEFT);
        SqlCall leftOver = ((SqlCall) join.getLeft()).operand(0);
        assertThat(leftOver.getOperator()).isSameAs(KdaOperators.TABLE_OVER);
        assertThat(((SqlWindow) leftOver.operand(1)).isRows()).isTrue();
        SqlCall rightOver = ((SqlCall) join.getRight()).operand(0);
        assertThat(rightOver.getOperator()).isSameAs(KdaOperators.TABLE_OVER);
    }

    @Test
    void referenceTableLeftJoinKeepsQuotedNamesAsWritten() throws Exception {
        SqlSelect select = pumpSelect("""
                CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM ticker_symbol, "c"."Company", sector, change, price
                FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "CompanyName" AS "c"
                ON "SOURCE_SQL_STREAM_001".ticker_symbol = "c"."Ticker";
                """);

        SqlJoin join = (SqlJoin) select.getFrom();
        assertThat(join.getJoinType()).isEqualTo(JoinType.LEFT);
        SqlCall table = (SqlCall) join.getRight();
        assertThat(((SqlIdentifier) table.operand(0)).getSimple()).isEqualTo("CompanyName");
        assertThat(((SqlIdentifier) table.operand(1)).getSimple()).isEqualTo("c");
        assertThat(((SqlIdentifier) select.getSelectList().get(1)).names).containsExactly("c", "Company");
        SqlCall on = (SqlCall) join.getCondition();
        assertThat(((SqlIdentifier) on.operand(0)).names).containsExactly("SOURCE_SQL_STREAM_001", "TICKER_SYMBOL");
        assertThat(((SqlIdentifier) on.operand(1)).names).containsExactly("c", "Ticker");
    }

    @Test
    void unknownFunctionsAreGenericCallsAndLiteralsKeepTheirTypes() throws Exception {
        SqlSelect select = onlySelect("""
                SELECT STREAM TSDIFF(s1, s2), CHAR_TO_TIMESTAMP('yyyy-MM-dd hh:mm:ss', event_time),
                    CAST(price AS VARCHAR(10)), x.r.COLUMN1
                FROM (SELECT STREAM W3C_LOG_PARSE(log, 'COMMON') AS r, s1, s2, event_time, price FROM s) AS x
                WHERE x.ROWTIME > TIMESTAMP '2024-01-01 00:00:00' - INTERVAL '1' HOUR
                """);

        SqlBasicCall tsdiff = (SqlBasicCall) select.getSelectList().get(0);
        assertThat(tsdiff.getOperator()).isInstanceOf(SqlUnresolvedFunction.class);
        assertThat(tsdiff.getOperator().getName()).isEqualTo("TSDIFF");
        SqlBasicCall toTimestamp = (SqlBasicCall) select.getSelectList().get(1);
        assertThat(toTimestamp.getOperator().getName()).isEqualTo("CHAR_TO_TIMESTAMP");
        assertThat(select.getSelectList().get(2).getKind()).isEqualTo(SqlKind.CAST);
        assertThat(((SqlIdentifier) select.getSelectList().get(3)).names).containsExactly("X", "R", "COLUMN1");
        SqlCall minus = ((SqlCall) select.getWhere()).operand(1);
        assertThat(minus.getKind()).isEqualTo(SqlKind.MINUS);
        assertThat(minus.operand(0).toString()).isEqualTo("TIMESTAMP '2024-01-01 00:00:00'");
        assertThat(minus.<SqlNode>operand(1)).isInstanceOf(SqlIntervalLiteral.class);
    }

    @Test
    void regexSubstringArrivesAsATwoArgumentSubstringWithAStringPattern() throws Exception {
        SqlCall substring = (SqlCall) parser.parseExpression("SUBSTRING(message FROM 'ERROR: (.*)')");

        assertThat(substring.getKind()).isEqualTo(SqlKind.OTHER_FUNCTION);
        assertThat(substring.getOperator().getName()).isEqualTo("SUBSTRING");
        assertThat(substring.operandCount()).isEqualTo(2);
        assertThat(((SqlLiteral) substring.operand(1)).getValueAs(String.class)).isEqualTo("ERROR: (.*)");
    }

    @Test
    void parseExpressionReadsKdaOperatorsAndTheyPrintBackInKdaSyntax() throws Exception {
        SqlNode step = parser.parseExpression("STEP(ROWTIME BY INTERVAL '1' MINUTE)");

        assertThat(((SqlCall) step).getOperator()).isSameAs(KdaOperators.STEP);
        assertThat(step.toString()).isEqualTo("STEP(`ROWTIME` BY INTERVAL '1' MINUTE)");
    }

    @Test
    void kdaStatementsAndOperatorsPrintBackInKdaSyntax() throws Exception {
        List<SqlNode> program = parser.parseProgram("""
                CREATE OR REPLACE STREAM "OUT" (k VARCHAR(8), n BIGINT) DESCRIPTION 'counts';
                CREATE PUMP p AS INSERT INTO "OUT" SELECT STREAM k, COUNT(*) FROM "A" OVER (ROWS 5 PRECEDING) AS a
                    WINDOWED BY STAGGER (PARTITION BY k RANGE INTERVAL '1' MINUTE);
                """);

        assertThat(program.get(0).toString())
                .isEqualTo("CREATE OR REPLACE STREAM `OUT` (`K` VARCHAR(8), `N` BIGINT) DESCRIPTION 'counts'");
        assertThat(program.get(1).toString().replace('\n', ' '))
                .startsWith("CREATE PUMP `P` AS INSERT INTO `OUT`")
                .contains("FROM (`A` OVER (ROWS 5 PRECEDING)) AS `A`")
                .contains("STAGGER(PARTITION BY `K` RANGE INTERVAL '1' MINUTE)");
    }

    @Test
    void emptyCodeAndTrailingSemicolonsParse() throws Exception {
        assertThat(parser.parseProgram("")).isEmpty();
        assertThat(parser.parseProgram("-- nothing yet\n /* still nothing */\n")).isEmpty();
        assertThat(parser.parseProgram("CREATE STREAM a (x INTEGER);;")).hasSize(1);
    }

    @Test
    void aPlainInsertAndAStreamingSubqueryKeepTheStockShapes() throws Exception {
        SqlInsert insert = (SqlInsert) parser.parseProgram("""
                INSERT INTO "OUT" (a) SELECT STREAM a FROM (SELECT STREAM a FROM s WHERE a > 0) AS t
                """).get(0);

        assertThat(names(insert.getTargetColumnList())).containsExactly("A");
        SqlSelect outer = (SqlSelect) insert.getSource();
        SqlSelect inner = ((SqlCall) outer.getFrom()).operand(0);
        assertThat(inner.getModifierNode(SqlSelectKeyword.STREAM)).isNotNull();
    }

    @Test
    void oneParserServesConcurrentCallersWithIdenticalTrees() throws Exception {
        String code = """
                CREATE OR REPLACE STREAM "OUT" (k VARCHAR(8), n BIGINT);
                CREATE OR REPLACE PUMP p AS INSERT INTO "OUT"
                SELECT STREAM k, COUNT(*) FROM s WINDOWED BY STAGGER (PARTITION BY k RANGE INTERVAL '1' MINUTE);
                """;
        String expected = parser.parseProgram(code).toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> parser.parseProgram(code).toString()));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private SqlSelect onlySelect(String sql) throws CodeValidationException {
        List<SqlNode> program = parser.parseProgram(sql);
        assertThat(program).hasSize(1);
        return (SqlSelect) program.get(0);
    }

    private SqlSelect pumpSelect(String sql) throws CodeValidationException {
        List<SqlNode> program = parser.parseProgram(sql);
        assertThat(program).hasSize(1);
        return (SqlSelect) ((SqlCreatePump) program.get(0)).insert().getSource();
    }

    /** The function call of FROM TABLE(fn(...)). */
    private static SqlCall tableFunction(SqlSelect select) {
        SqlCall table = (SqlCall) select.getFrom();
        assertThat(table.getKind()).isEqualTo(SqlKind.COLLECTION_TABLE);
        return table.operand(0);
    }

    private static List<String> names(SqlNodeList list) {
        return list.stream().map(n -> ((SqlIdentifier) n).getSimple()).toList();
    }
}
