package io.sluice.analytics.plan;

import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.window.Frame;
import io.sluice.analytics.runtime.window.NavigationCall;
import io.sluice.analytics.runtime.window.SlidingWindow;
import io.sluice.analytics.runtime.window.WindowCall;
import io.sluice.analytics.runtime.window.WindowSpec;
import io.sluice.analytics.type.SqlType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.util.Litmus;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plans a SELECT with {@code ... OVER W} (named in a WINDOW clause or inline) onto one {@link SlidingWindow}: one
 * {@link WindowSpec} per window, its calls aggregates or the navigation functions LAG, NTH_VALUE, FIRST_VALUE and
 * LAST_VALUE. The operator's output row is the input row followed by the calls' values; the select list reads an
 * OVER call from its slot and everything else from the input row. Windows are ordered by ROWTIME (an ORDER BY in
 * the window may only name ROWTIME); frames are {@code RANGE interval PRECEDING}, {@code ROWS n PRECEDING} or
 * {@code CURRENT ROW}, ending at the current row.
 *
 * <p><b>Threading</b>: belongs to one compilation and runs on its thread.
 */
final class SlidingPlanner {

    private final ExprCompiler exprs;

    SlidingPlanner(ExprCompiler exprs) {
        this.exprs = exprs;
    }

    Stage plan(SqlSelect select, Scope input) {
        Map<String, SqlWindow> named = new LinkedHashMap<>();
        if (select.getWindowList() != null) {
            for (SqlNode n : select.getWindowList()) {
                SqlWindow w = (SqlWindow) n;
                named.put(w.getDeclName().getSimple(), w);
            }
        }
        List<SqlCall> overs = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            collectOver(item, overs);
        }
        Map<SqlWindow, List<WindowCall>> calls = new IdentityHashMap<>();
        List<SqlWindow> order = new ArrayList<>();
        Map<SqlCall, SqlType> types = new IdentityHashMap<>();
        Map<SqlCall, SqlWindow> windowOf = new IdentityHashMap<>();
        for (SqlCall over : overs) {
            SqlWindow window = window(over.operand(1), named);
            if (!calls.containsKey(window)) {
                calls.put(window, new ArrayList<>());
                order.add(window);
            }
            calls.get(window).add(call(over.operand(0), input, types, over));
            windowOf.put(over, window);
        }
        List<WindowSpec> specs = new ArrayList<>();
        List<Scope.Slot> slots = new ArrayList<>();
        int offset = input.width();
        for (SqlWindow window : order) {
            List<Expr> partition = new ArrayList<>();
            for (SqlNode key : window.getPartitionList()) {
                partition.add(exprs.compile(key, input).expr());
            }
            specs.add(new WindowSpec(partition, frame(window), calls.get(window)));
            for (SqlCall over : overs) {
                if (windowOf.get(over) == window) {
                    slots.add(new Scope.Slot(over, offset++, types.get(over), -1));
                }
            }
        }
        return new Stage(input.withSlots(slots), (downstream, wiring) ->
                wiring.stateful(new SlidingWindow(specs, downstream)));
    }

    private static void collectOver(SqlNode node, List<SqlCall> found) {
        if (!(node instanceof SqlCall call)) {
            return;
        }
        if (call.getKind() == SqlKind.OVER) {
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
                collectOver(operand, found);
            }
        }
    }

    private static SqlWindow window(SqlNode ref, Map<String, SqlWindow> named) {
        if (ref instanceof SqlIdentifier id) {
            SqlWindow w = named.get(id.getSimple());
            if (w == null) {
                throw new PlanningException("no window named " + id.getSimple() + " in the WINDOW clause", id);
            }
            return w;
        }
        SqlWindow w = (SqlWindow) ref;
        if (w.getRefName() != null) {
            throw new PlanningException("a window based on another window is not supported; name it once in the "
                    + "WINDOW clause", w);
        }
        return w;
    }

    private WindowCall call(SqlNode node, Scope input, Map<SqlCall, SqlType> types, SqlCall over) {
        boolean ignoreNulls = false;
        SqlNode inner = node;
        if (inner.getKind() == SqlKind.IGNORE_NULLS || inner.getKind() == SqlKind.RESPECT_NULLS) {
            ignoreNulls = inner.getKind() == SqlKind.IGNORE_NULLS;
            inner = ((SqlCall) inner).operand(0);
        }
        SqlCall call = (SqlCall) inner;
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        List<SqlNode> operands = call.getOperandList();
        switch (name) {
            case "LAG": {
                Typed value = exprs.compile(operands.get(0), input);
                int n = operands.size() > 1 ? position(operands.get(1), 0) : 1;
                Expr defaultValue = operands.size() > 2
                        ? exprs.convert(exprs.compile(operands.get(2), input), value.type(), call, false) : null;
                types.put(over, value.type());
                return NavigationCall.lag(value.expr(), n, defaultValue, ignoreNulls);
            }
            case "NTH_VALUE": {
                Typed value = exprs.compile(operands.get(0), input);
                types.put(over, value.type());
                return NavigationCall.nthValue(value.expr(), position(operands.get(1), 1), false, ignoreNulls);
            }
            case "FIRST_VALUE":
            case "LAST_VALUE": {
                Typed value = exprs.compile(operands.get(0), input);
                types.put(over, value.type());
                return name.equals("FIRST_VALUE") ? NavigationCall.firstValue(value.expr(), ignoreNulls)
                        : NavigationCall.lastValue(value.expr(), ignoreNulls);
            }
            default:
                if (!exprs.functions().isAggregate(name)) {
                    throw new PlanningException(name + " cannot be used with OVER", call);
                }
                Aggregates.Compiled compiled = Aggregates.compile(call, input, exprs);
                types.put(over, compiled.type());
                return compiled.call();
        }
    }

    private static int position(SqlNode node, int least) {
        Object v = node instanceof SqlLiteral l ? ExprCompiler.literal(l).value() : null;
        if (!(v instanceof Integer n) || n < least) {
            throw new PlanningException("expected an integer literal of at least " + least, node);
        }
        return n;
    }

    static Frame frame(SqlWindow window) {
        SqlNodeList orderList = window.getOrderList();
        if (orderList != null) {
            for (SqlNode o : orderList) {
                if (!(o instanceof SqlIdentifier id) || !id.names.get(id.names.size() - 1).equals(Scope.ROWTIME)) {
                    throw new PlanningException("a window on a stream is ordered by ROWTIME only", o);
                }
            }
        }
        SqlNode upper = window.getUpperBound();
        if (upper != null && !SqlWindow.isCurrentRow(upper)) {
            throw new PlanningException("a window on a stream ends at CURRENT ROW", upper);
        }
        SqlNode lower = window.getLowerBound();
        boolean rows = window.isRows();
        if (lower == null || SqlWindow.isUnboundedPreceding(lower)) {
            throw new PlanningException("an unbounded window is not supported on a stream; give RANGE INTERVAL "
                    + "... PRECEDING or ROWS n PRECEDING", window);
        }
        if (SqlWindow.isCurrentRow(lower)) {
            return rows ? new Frame.Rows(0) : new Frame.Range(0);
        }
        if (lower.getKind() != SqlKind.PRECEDING) {
            throw new PlanningException("a window on a stream starts PRECEDING the current row", lower);
        }
        SqlNode extent = ((SqlCall) lower).operand(0);
        Object v = extent instanceof SqlLiteral l ? ExprCompiler.literal(l).value() : null;
        if (rows) {
            if (!(v instanceof Integer n) || n < 0) {
                throw new PlanningException("ROWS needs a non-negative integer", extent);
            }
            return new Frame.Rows(n);
        }
        if (!(v instanceof Long millis) || millis < 0) {
            throw new PlanningException("RANGE on a stream needs a day-time INTERVAL", extent);
        }
        return new Frame.Range(millis);
    }
}
