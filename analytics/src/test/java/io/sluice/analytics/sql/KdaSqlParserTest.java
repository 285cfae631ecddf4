package io.sluice.analytics.sql;

import io.sluice.analytics.program.CodeValidationException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.JoinType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KdaSqlParserTest {

    private final KdaSqlParser parser = new KdaSqlParser();

    @Test
    void gettingStartedProgramParsesIntoAStreamAndAPumpThatInsertsAStreamingSelect() throws Exception {
        List<SqlNode> program = parser.parseProgram("""
                CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12),
                    change DOUBLE, price DOUBLE);
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
        assertThat(stream.columns().get(0).type().toString()).isEqualTo("VARCHAR(4)");
        assertThat(stream.columns().get(2).type().toString()).isEqualTo("DOUBLE");
        assertThat(stream.description()).isEmpty();

        SqlCreatePump pump = (SqlCreatePump) program.get(1);
        assertThat(pump.name().getSimple()).isEqualTo("STREAM_PUMP");
        assertThat(((SqlIdentifier) pump.insert().getTargetTable()).getSimple()).isEqualTo("DESTINATION_SQL_STREAM");
        SqlSelect select = (SqlSelect) pump.insert().getSource();
        assertThat(select.getModifierNode(SqlSelectKeyword.STREAM)).isNotNull();
        assertThat(((SqlIdentifier) select.getFrom()).getSimple()).isEqualTo("SOURCE_SQL_STREAM_001");
        assertThat(select.getWhere().getKind()).isEqualTo(SqlKind.SIMILAR);
    }

    @Test
    void stepIsACallOfTheStepOperatorWithTheValueAndTheWidth() throws Exception {
        SqlSelect select = onlySelect("""
                SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count
                FROM "SOURCE_SQL_STREAM_001"
                GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND)
                """);

        SqlCall step = (SqlCall) select.getGroup().get(1);
        assertThat(step.getOperator()).isSameAs(KdaOperators.STEP);
        SqlIdentifier value = step.operand(0);
        assertThat(value.names).containsExactly("SOURCE_SQL_STREAM_001", "ROWTIME");
        SqlNode width = step.operand(1);
        assertThat(width).isInstanceOf(SqlIntervalLiteral.class);
        assertThat(width.toString()).isEqualTo("INTERVAL '60' SECOND");
    }

    @Test
    void windowedByStaggerIsTheOnlyGroupByElement() throws Exception {
        SqlSelect select = onlySelect("""
                SELECT STREAM ticker_symbol, FLOOR(event_time TO MINUTE), COUNT(*)
                FROM "SOURCE_SQL_STREAM_001"
                WHERE price > 0
                WINDOWED BY STAGGER (PARTITION BY FLOOR(event_time TO MINUTE), ticker_symbol
                    RANGE INTERVAL '1' MINUTE)
                HAVING COUNT(*) > 1
                """);

        assertThat(select.getGroup()).hasSize(1);
        SqlCall stagger = (SqlCall) select.getGroup().get(0);
        assertThat(stagger.getOperator()).isSameAs(KdaOperators.STAGGER);
        SqlNodeList keys = stagger.operand(0);
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).getKind()).isEqualTo(SqlKind.FLOOR);
        assertThat(((SqlIdentifier) keys.get(1)).getSimple()).isEqualTo("TICKER_SYMBOL");
        assertThat(stagger.operand(1).toString()).isEqualTo("INTERVAL '1' MINUTE");
        assertThat(select.getWhere()).isNotNull();
        assertThat(select.getHaving()).isNotNull();
    }

    @Test
    void aWindowedJoinSideIsATableOverCallUnderItsAlias() throws Exception {
        SqlSelect select = onlySelect("""
                SELECT STREAM o.order_id, s.price
                FROM "Orders" AS o
                LEFT OUTER JOIN "Shipments" OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS s
                ON o.order_id = s.order_id
                """);

        SqlJoin join = (SqlJoin) select.getFrom();
        assertThat(join.getJoinType()).isEqualTo(JoinType.LEFT);
        SqlCall alias = (SqlCall) join.getRight();
        assertThat(alias.getKind()).isEqualTo(SqlKind.AS);
        assertThat(((SqlIdentifier) alias.operand(1)).getSimple()).isEqualTo("S");
        SqlCall over = alias.operand(0);
        assertThat(over.getOperator()).isSameAs(KdaOperators.TABLE_OVER);
        assertThat(((SqlIdentifier) over.operand(0)).getSimple()).isEqualTo("Shipments");
        SqlWindow window = over.operand(1);
        assertThat(window.isRows()).isFalse();
        assertThat(window.getLowerBound().toString()).isEqualTo("INTERVAL '1' MINUTE PRECEDING");
    }

    @Test
    void aSyntaxErrorReportsTheLineAndColumnOfTheOffendingToken() {
        assertThatThrownBy(() -> parser.parseProgram("""
                CREATE STREAM s (a INTEGER);
                SELECT STREAM a
                  FORM s;
                """))
                .isInstanceOfSatisfying(CodeValidationException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(8);
                    assertThat(e.reason()).contains("\"s\"");
                });
    }

    private SqlSelect onlySelect(String sql) throws CodeValidationException {
        List<SqlNode> program = parser.parseProgram(sql);
        assertThat(program).hasSize(1);
        return (SqlSelect) program.get(0);
    }
}
