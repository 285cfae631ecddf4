package io.sluice.analytics.plan;

import io.sluice.analytics.program.CodeValidationException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Code the planner refuses, with the position of the node at fault. Unchecked so that it can leave the recursive
 * descent over a statement in one step; {@link KdaCompiler} turns it into a {@link CodeValidationException}.
 */
final class PlanningException extends RuntimeException {

    private final int line;
    private final int column;

    PlanningException(String message, SqlNode at) {
        this(message, at == null ? SqlParserPos.ZERO : at.getParserPosition());
    }

    PlanningException(String message, SqlParserPos pos) {
        super(message, null, false, false);
        this.line = pos == null ? 0 : pos.getLineNum();
        this.column = pos == null ? 0 : pos.getColumnNum();
    }

    CodeValidationException toValidation() {
        return new CodeValidationException(getMessage(), line, column);
    }
}
