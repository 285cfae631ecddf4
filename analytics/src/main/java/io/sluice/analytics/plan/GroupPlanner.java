package io.sluice.analytics.plan;

import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.window.AggregateCall;
import io.sluice.analytics.runtime.window.GroupColumn;
import io.sluice.analytics.runtime.window.StaggerWindow;
import io.sluice.analytics.runtime.window.TumblingAggregate;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Plans a grouped SELECT onto the windows' operators: {@code GROUP BY} with a ROWTIME-monotonic expression onto a
 * {@link TumblingAggregate} (the first such expression is the window, the other expressions are keys), and
 * {@code WINDOWED BY STAGGER (PARTITION BY keys RANGE interval)} onto a {@link StaggerWindow}. The operator's
 * output row holds the window key (tumbling only), the keys, then the aggregates; the select list and HAVING are
 * compiled over it, reading a key or aggregate from its slot and ROWTIME as the window's end.
 *
 * <p><b>Threading</b>: belongs to one compilation and runs on its thread.
 */
final class GroupPlanner {

    private final ExprCompiler exprs;

    GroupPlanner(ExprCompiler exprs) {
        this.exprs = exprs;
    }

    Stage plan(SqlSelect select, Scope input) {
        SqlNodeList group = select.getGroup();
        List<Scope.Slot> slots = new ArrayList<>();
        List<GroupColumn> layout = new ArrayList<>();
        List<Expr> keys = new ArrayList<>();
        boolean stagger = Constructs.isStagger(group);
        List<SqlNode> keyNodes;
        Expr monotonic = null;
        LongUnaryOperator windowEnd = null;
        long staggerMillis = 0;
        if (stagger) {
            SqlCall call = (SqlCall) group.get(0);
            keyNodes = ((SqlNodeList) call.operand(0)).getList();
            Object range = call.operand(1) instanceof SqlLiteral l ? ExprCompiler.literal(l).value() : null;
            if (!(range instanceof Long millis) || millis <= 0) {
                throw new PlanningException("STAGGER's RANGE must be a positive day-time interval", call);
            }
            staggerMillis = millis;
        } else {
            keyNodes = new ArrayList<>();
            SqlNode window = null;
            for (SqlNode key : group) {
                if (window == null && Monotonic.inRowtime(key)) {
                    window = key;
                } else {
                    keyNodes.add(key);
                }
            }
            Typed w = exprs.compile(window, input);
            monotonic = w.expr();
            windowEnd = WindowEnds.of(window);
            slots.add(new Scope.Slot(window, 0, w.type(), -1));
            layout.add(GroupColumn.windowKey());
        }
        for (int i = 0; i < keyNodes.size(); i++) {
            SqlNode key = keyNodes.get(i);
            Typed t = exprs.compile(key, input);
            keys.add(t.expr());
            slots.add(new Scope.Slot(key, layout.size(), t.type(), columnOf(key, input)));
            layout.add(GroupColumn.key(i));
        }
        List<SqlNode> outputs = new ArrayList<>(select.getSelectList().getList());
        outputs.add(select.getHaving());
        List<AggregateCall> calls = new ArrayList<>();
        List<SqlCall> found = Aggregates.find(outputs, exprs.functions());
        for (int i = 0; i < found.size(); i++) {
            Aggregates.Compiled compiled = Aggregates.compile(found.get(i), input, exprs);
            calls.add(compiled.call());
            slots.add(new Scope.Slot(found.get(i), layout.size(), compiled.type(), -1));
            layout.add(GroupColumn.aggregate(i));
        }
        Scope grouped = input.grouped(slots);
        Expr having = select.getHaving() == null ? null : exprs.condition(select.getHaving(), grouped);
        if (stagger) {
            long millis = staggerMillis;
            return new Stage(grouped, (downstream, wiring) ->
                    wiring.stateful(new StaggerWindow(keys, millis, calls, layout, having, downstream)));
        }
        Expr window = monotonic;
        LongUnaryOperator end = windowEnd;
        return new Stage(grouped, (downstream, wiring) ->
                wiring.stateful(new TumblingAggregate(window, end, keys, calls, layout, having, downstream)));
    }

    /** The input column a key names when it is a plain column, so that a differently qualified name finds it. */
    private static int columnOf(SqlNode key, Scope input) {
        if (key instanceof SqlIdentifier id) {
            Scope.Resolved r = input.resolve(id);
            return r.isRowtime() ? -1 : r.index();
        }
        return -1;
    }
}
