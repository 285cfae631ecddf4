package io.sluice.analytics.plan;

import io.sluice.analytics.ml.TableFunctions;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

import java.util.Locale;

/**
 * What {@code check} verifies of a query without knowing the streams it reads: the streaming rules of
 * {@link Constructs} and that every function and table function it calls exists (by name; argument types are
 * checked when the code is compiled against its inputs).
 *
 * <p><b>Threading</b>: stateless apart from its immutable library.
 */
final class Checker {

    private final FunctionLibrary functions;

    Checker(FunctionLibrary functions) {
        this.functions = functions;
    }

    void query(SqlNode node) {
        if (node instanceof SqlOrderBy orderBy) {
            if (orderBy.offset != null || orderBy.fetch != null) {
                throw new PlanningException("OFFSET and FETCH/LIMIT are not supported on a stream", orderBy);
            }
            Constructs.checkOrderBy(orderBy.orderList);
            query(orderBy.query);
            return;
        }
        if (node instanceof SqlSelect select) {
            Constructs.checkSelect(select, functions);
            Constructs.checkOrderBy(select.getOrderList());
            for (SqlNode operand : select.getOperandList()) {
                if (operand != null) {
                    expression(operand);
                }
            }
            return;
        }
        if (node.getKind() == SqlKind.UNION) {
            SqlCall union = (SqlCall) node;
            Constructs.checkUnion(union);
            query(union.operand(0));
            query(union.operand(1));
            return;
        }
        throw new PlanningException(node.getKind() + " is not supported as a query; use SELECT STREAM", node);
    }

    private void expression(SqlNode node) {
        if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                if (n != null) {
                    expression(n);
                }
            }
            return;
        }
        if (!(node instanceof SqlCall call)) {
            return;
        }
        SqlKind kind = call.getKind();
        if (kind == SqlKind.SELECT || kind == SqlKind.ORDER_BY) {
            query(call);
            return;
        }
        if (kind == SqlKind.COLLECTION_TABLE && call.operand(0) instanceof SqlCall fn) {
            String name = fn.getOperator().getName().toUpperCase(Locale.ROOT);
            if (!TableFunctions.supported().contains(name)) {
                throw new PlanningException("unknown table function " + name + "; the table functions are "
                        + String.join(", ", TableFunctions.supported()), fn);
            }
            for (SqlNode operand : fn.getOperandList()) {
                if (operand != null) {
                    expression(operand);
                }
            }
            return;
        }
        if (call.getOperator() instanceof SqlFunction && kind != SqlKind.CAST && kind != SqlKind.CURSOR) {
            String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
            if (!functions.knows(name)) {
                throw new PlanningException("unknown function " + name, call);
            }
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null) {
                expression(operand);
            }
        }
    }
}
