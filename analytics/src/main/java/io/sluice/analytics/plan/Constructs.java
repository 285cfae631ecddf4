package io.sluice.analytics.plan;

import io.sluice.analytics.sql.KdaOperators;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlSetOperator;

/**
 * The rules of KDA's streaming SQL that hold whatever the code reads, shared by {@code check} (no inputs known)
 * and {@code compile}: a query on a stream is SELECT STREAM, a streaming GROUP BY has an expression monotonic in
 * ROWTIME, COUNT(DISTINCT) is not a streaming aggregate, a streaming ORDER BY leads with a monotonic expression.
 *
 * <p>Stateless.
 */
final class Constructs {

    private Constructs() {
    }

    static void checkSelect(SqlSelect select, FunctionLibrary functions) {
        if (!select.isKeywordPresent(SqlSelectKeyword.STREAM) && !readsTableFunction(select)) {
            throw new PlanningException("SELECT without STREAM is not supported: a query on a stream is "
                    + "SELECT STREAM", select);
        }
        if (select.isDistinct()) {
            throw new PlanningException("SELECT DISTINCT is not supported on a stream", select);
        }
        SqlNodeList group = select.getGroup();
        if (group != null && !group.isEmpty() && !isStagger(group)) {
            boolean monotonic = false;
            for (SqlNode key : group) {
                monotonic |= Monotonic.inRowtime(key);
            }
            if (!monotonic) {
                throw new PlanningException("a streaming GROUP BY needs an expression monotonic in ROWTIME, such "
                        + "as STEP(ROWTIME BY INTERVAL '1' MINUTE) or FLOOR(ROWTIME TO MINUTE)", group);
            }
        }
        if (group != null && !group.isEmpty()) {
            refuseDistinctAggregates(select.getSelectList(), functions);
            if (select.getHaving() != null) {
                refuseDistinctAggregates(select.getHaving(), functions);
            }
        }
    }

    /**
     * Whether the SELECT reads {@code TABLE(FN(CURSOR(...), ...))}, whose rows are a stream whatever the SELECT
     * says: the hotspots guide's application selects from HOTSPOTS without STREAM.
     */
    private static boolean readsTableFunction(SqlSelect select) {
        SqlNode from = select.getFrom();
        if (from != null && from.getKind() == SqlKind.AS) {
            from = ((SqlCall) from).operand(0);
        }
        return from != null && from.getKind() == SqlKind.COLLECTION_TABLE;
    }

    /** Whether the group-by list is the parser's {@code WINDOWED BY STAGGER (...)}. */
    static boolean isStagger(SqlNodeList group) {
        return group.size() == 1 && group.get(0) instanceof SqlCall call
                && call.getOperator() == KdaOperators.STAGGER;
    }

    /** A set operation on streams: only UNION ALL merges them (UNION would need all of both to drop duplicates). */
    static void checkUnion(SqlCall call) {
        if (!(call.getOperator() instanceof SqlSetOperator set) || !set.isAll()) {
            throw new PlanningException("UNION without ALL is not supported on streams; use UNION ALL", call);
        }
    }

    static void checkOrderBy(SqlNodeList items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        SqlNode first = items.get(0);
        while (first.getKind() == SqlKind.NULLS_FIRST || first.getKind() == SqlKind.NULLS_LAST
                || first.getKind() == SqlKind.DESCENDING) {
            first = ((SqlCall) first).operand(0);
        }
        if (!Monotonic.inRowtime(first)) {
            throw new PlanningException("ORDER BY on a stream must start with an expression monotonic in ROWTIME "
                    + "(such as FLOOR(ROWTIME TO SECOND))", items.get(0));
        }
    }

    private static void refuseDistinctAggregates(SqlNode node, FunctionLibrary functions) {
        if (!(node instanceof SqlCall call)) {
            if (node instanceof SqlNodeList list) {
                for (SqlNode n : list) {
                    refuseDistinctAggregates(n, functions);
                }
            }
            return;
        }
        if (call.getFunctionQuantifier() != null
                && "DISTINCT".equalsIgnoreCase(String.valueOf(call.getFunctionQuantifier().getValue()))
                && functions.isAggregate(call.getOperator().getName().toUpperCase(java.util.Locale.ROOT))) {
            throw new PlanningException(call.getOperator().getName() + "(DISTINCT ...) is not supported in a "
                    + "streaming GROUP BY", call);
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null) {
                refuseDistinctAggregates(operand, functions);
            }
        }
    }
}
