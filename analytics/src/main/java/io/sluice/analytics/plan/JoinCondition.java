package io.sluice.analytics.plan;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

import java.util.ArrayList;
import java.util.List;

/**
 * An ON condition split the way the join operators take it: equalities between an expression of the left side
 * and one of the right side (the equi-join keys), and the remaining conjuncts (the residual, over the joined
 * row).
 */
record JoinCondition(List<SqlNode> leftKeys, List<SqlNode> rightKeys, List<SqlNode> residual) {

    static JoinCondition split(SqlNode condition, Scope left, Scope right) {
        List<SqlNode> leftKeys = new ArrayList<>();
        List<SqlNode> rightKeys = new ArrayList<>();
        List<SqlNode> residual = new ArrayList<>();
        List<SqlNode> conjuncts = new ArrayList<>();
        conjuncts(condition, conjuncts);
        for (SqlNode c : conjuncts) {
            if (c.getKind() == SqlKind.EQUALS) {
                SqlNode a = ((SqlCall) c).operand(0);
                SqlNode b = ((SqlCall) c).operand(1);
                if (only(a, left) && only(b, right)) {
                    leftKeys.add(a);
                    rightKeys.add(b);
                    continue;
                }
                if (only(b, left) && only(a, right)) {
                    leftKeys.add(b);
                    rightKeys.add(a);
                    continue;
                }
            }
            residual.add(c);
        }
        return new JoinCondition(leftKeys, rightKeys, residual);
    }

    private static void conjuncts(SqlNode node, List<SqlNode> out) {
        if (node.getKind() == SqlKind.AND) {
            for (SqlNode operand : ((SqlCall) node).getOperandList()) {
                conjuncts(operand, out);
            }
        } else {
            out.add(node);
        }
    }

    /** Whether every column {@code node} names is a column of {@code scope} (and it names at least one). */
    private static boolean only(SqlNode node, Scope scope) {
        List<SqlIdentifier> ids = new ArrayList<>();
        identifiers(node, ids);
        if (ids.isEmpty()) {
            return false;
        }
        for (SqlIdentifier id : ids) {
            try {
                if (scope.resolve(id).isRowtime()) {
                    return false;
                }
            } catch (PlanningException notHere) {
                return false;
            }
        }
        return true;
    }

    private static void identifiers(SqlNode node, List<SqlIdentifier> out) {
        if (node instanceof SqlIdentifier id) {
            out.add(id);
        } else if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                if (n != null) {
                    identifiers(n, out);
                }
            }
        } else if (node instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                if (operand != null) {
                    identifiers(operand, out);
                }
            }
        }
    }
}
