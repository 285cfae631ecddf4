package io.sluice.analytics.plan;

import io.sluice.analytics.function.AggregateFunction;
import io.sluice.analytics.plan.FunctionLibrary.LookupException;
import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.window.AggregateCall;
import io.sluice.analytics.type.SqlType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.util.Litmus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the aggregate calls of a select list or HAVING clause (outside OVER) and compiles each one against the
 * input scope: its arguments, and its function resolved for their types.
 *
 * <p>Stateless.
 */
final class Aggregates {

    private static final String EXP_AVG = "EXP_AVG";

    private Aggregates() {
    }

    /** The distinct aggregate calls under {@code nodes}, in order of appearance. */
    static List<SqlCall> find(List<SqlNode> nodes, FunctionLibrary functions) {
        List<SqlCall> found = new ArrayList<>();
        for (SqlNode node : nodes) {
            if (node != null) {
                collect(node, functions, found);
            }
        }
        return found;
    }

    private static void collect(SqlNode node, FunctionLibrary functions, List<SqlCall> found) {
        if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                if (n != null) {
                    collect(n, functions, found);
                }
            }
            return;
        }
        if (!(node instanceof SqlCall call) || call.getKind() == SqlKind.OVER || call.getKind() == SqlKind.SELECT) {
            return;
        }
        if (functions.isAggregate(call.getOperator().getName().toUpperCase(Locale.ROOT))) {
            for (SqlCall f : found) {
                if (f.equalsDeep(call, Litmus.IGNORE)) {
                    return;
                }
            }
            found.add(call);
            return;
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null) {
                collect(operand, functions, found);
            }
        }
    }

    /** One aggregate compiled: what the windows' operators take, and its result type. */
    record Compiled(AggregateCall call, SqlType type) {
    }

    static Compiled compile(SqlCall call, Scope input, ExprCompiler exprs) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        boolean distinct = call.getFunctionQuantifier() != null
                && "DISTINCT".equalsIgnoreCase(String.valueOf(call.getFunctionQuantifier().getValue()));
        List<SqlType> types = new ArrayList<>();
        List<Object> constants = new ArrayList<>();
        List<Expr> args = new ArrayList<>();
        for (SqlNode operand : call.getOperandList()) {
            if (operand == null || operand instanceof SqlIdentifier id && id.isStar()) {
                continue;
            }
            Typed t = exprs.compile(operand, input);
            types.add(t.type());
            constants.add(t.constant() ? t.value() : null);
            args.add(t.expr());
        }
        if (name.equals(EXP_AVG)) {
            // the registry's EXP_AVG weighs rows by their ROWTIME, which the planner appends
            types.add(SqlType.TIMESTAMP);
            constants.add(null);
            args.add((rowtime, row) -> rowtime);
        }
        AggregateFunction fn;
        try {
            fn = exprs.functions().aggregate(name, types, constants, distinct);
        } catch (LookupException e) {
            throw new PlanningException(e.getMessage(), call);
        }
        return new Compiled(new AggregateCall(fn, args.toArray(Expr[]::new)), fn.returnType());
    }
}
