package io.sluice.analytics.plan;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

import java.util.Locale;

/**
 * Recognises expressions monotonic in ROWTIME, the ones KDA requires to lead a streaming GROUP BY or ORDER BY:
 * ROWTIME itself ({@code ROWTIME}, {@code s.ROWTIME}) and FLOOR, CEIL or STEP of such an expression.
 *
 * <p>Stateless.
 */
final class Monotonic {

    private Monotonic() {
    }

    static boolean inRowtime(SqlNode node) {
        if (node instanceof SqlIdentifier id) {
            return !id.isStar() && Scope.ROWTIME.equals(id.names.get(id.names.size() - 1));
        }
        if (node instanceof SqlCall call && call.operandCount() >= 1) {
            String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
            return (name.equals("FLOOR") || name.equals("CEIL") || name.equals("CEILING") || name.equals("STEP"))
                    && inRowtime(call.operand(0));
        }
        return false;
    }
}
