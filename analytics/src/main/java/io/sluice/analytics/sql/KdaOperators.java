package io.sluice.analytics.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * The operators of the KDA constructs Calcite's grammar lacks. The parser builds calls of these exact instances,
 * so a planner recognises them by identity ({@code call.getOperator() == KdaOperators.STEP}), never by name or
 * {@link SqlKind} (all are {@code OTHER_FUNCTION} or {@code OTHER}, so no Calcite rule mistakes them for its own).
 *
 * <p>Threading: the constants are immutable and shared by every thread.
 */
public final class KdaOperators {

    /**
     * {@code STEP(value BY width)}: operand 0 the value (a timestamp such as {@code ROWTIME}, or a number),
     * operand 1 the width as written (an interval literal such as {@code INTERVAL '1' MINUTE}, or a number).
     */
    public static final SqlOperator STEP = new StepFunction();

    /**
     * {@code WINDOWED BY STAGGER (PARTITION BY keys RANGE interval)}, found as the only element of the
     * {@code SqlSelect}'s group-by list (the clause takes GROUP BY's place). Operand 0 is a {@code SqlNodeList}
     * of the partition keys, operand 1 the {@code SqlIntervalLiteral} of the range.
     */
    public static final SqlOperator STAGGER = new StaggerOperator();

    /**
     * A stream-to-stream join's windowed side, {@code JOIN s OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS a}:
     * operand 0 the table expression (usually a {@code SqlIdentifier}), operand 1 the {@code SqlWindow}. An alias
     * wraps the call from outside ({@code AS(TABLE_OVER(s, window), a)}), as for any table reference.
     */
    public static final SqlOperator TABLE_OVER = new TableOverOperator();

    private KdaOperators() {
    }

    private static final class StepFunction extends SqlFunction {

        StepFunction() {
            super("STEP", SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0_NULLABLE, null, OperandTypes.ANY_ANY,
                    SqlFunctionCategory.NUMERIC);
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            SqlWriter.Frame frame = writer.startFunCall(getName());
            call.operand(0).unparse(writer, 0, 0);
            writer.sep("BY");
            call.operand(1).unparse(writer, 0, 0);
            writer.endFunCall(frame);
        }
    }

    private static final class StaggerOperator extends SqlSpecialOperator {

        StaggerOperator() {
            super("STAGGER", SqlKind.OTHER);
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            SqlWriter.Frame frame = writer.startFunCall(getName());
            writer.keyword("PARTITION BY");
            call.operand(0).unparse(writer, 0, 0);
            writer.keyword("RANGE");
            call.operand(1).unparse(writer, 0, 0);
            writer.endFunCall(frame);
        }
    }

    private static final class TableOverOperator extends SqlSpecialOperator {

        TableOverOperator() {
            super("TABLE_OVER", SqlKind.OTHER);
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            call.operand(0).unparse(writer, leftPrec, getLeftPrec());
            writer.keyword("OVER");
            call.operand(1).unparse(writer, getRightPrec(), rightPrec);
        }
    }
}
