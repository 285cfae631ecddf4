package io.sluice.analytics.plan;

import io.sluice.analytics.function.Casts;
import io.sluice.analytics.function.FunctionResolutionException;
import io.sluice.analytics.function.TypeRules;
import io.sluice.analytics.ml.TableFunctionException;
import io.sluice.analytics.ml.TableFunctionSpec;
import io.sluice.analytics.ml.TableFunctions;
import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.Filter;
import io.sluice.analytics.runtime.Project;
import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.runtime.Union;
import io.sluice.analytics.runtime.window.Frame;
import io.sluice.analytics.runtime.window.JoinSide;
import io.sluice.analytics.runtime.window.OrderBy;
import io.sluice.analytics.runtime.window.StreamJoin;
import io.sluice.analytics.runtime.window.TableJoin;
import io.sluice.analytics.sql.KdaOperators;
import io.sluice.analytics.runtime.window.SortKey;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/**
 * Plans one {@code SELECT STREAM} (with its FROM sources, WHERE, grouping, select list and ORDER BY) into a
 * {@link PlannedQuery}. Operators run in SQL's order: source, WHERE, grouping or windows, HAVING, select list,
 * ORDER BY.
 *
 * <p><b>Threading</b>: used by one compilation at a time; the plans it returns are immutable.
 */
final class QueryPlanner {

    private final ExprCompiler exprs;
    private final TableFunctions tableFunctions;
    private final Map<String, RowType> streams;
    private final Map<String, RowType> tables;

    /**
     * @param streams every stream a query may read (input and created), with hidden columns
     * @param tables  the reference tables
     */
    QueryPlanner(ExprCompiler exprs, TableFunctions tableFunctions, Map<String, RowType> streams,
                 Map<String, RowType> tables) {
        this.exprs = exprs;
        this.tableFunctions = tableFunctions;
        this.streams = streams;
        this.tables = tables;
    }

    PlannedQuery plan(SqlNode query) {
        if (query instanceof SqlOrderBy orderBy) {
            if (orderBy.offset != null || orderBy.fetch != null) {
                throw new PlanningException("OFFSET and FETCH/LIMIT are not supported on a stream", orderBy);
            }
            if (!(orderBy.query instanceof SqlSelect select)) {
                throw new PlanningException("ORDER BY over " + orderBy.query.getKind() + " is not supported",
                        orderBy);
            }
            return select(select, orderBy.orderList);
        }
        if (query instanceof SqlSelect select) {
            return select(select, select.getOrderList());
        }
        if (query.getKind() == SqlKind.UNION) {
            return union((SqlCall) query);
        }
        throw new PlanningException(query.getKind() + " is not supported as a query; use SELECT STREAM", query);
    }

    /**
     * {@code a UNION ALL b}: both branches' rows merged into one stream in ROWTIME order ({@link Union}). The
     * columns are named after the first branch; each column has the type every branch's column converts to.
     */
    private PlannedQuery union(SqlCall call) {
        Constructs.checkUnion(call);
        PlannedQuery left = plan(call.operand(0));
        PlannedQuery right = plan(call.operand(1));
        List<Column> l = left.type().columns().stream().filter(c -> !c.hidden()).toList();
        List<Column> r = right.type().columns().stream().filter(c -> !c.hidden()).toList();
        if (l.size() != r.size() || l.size() != left.type().columns().size()
                || r.size() != right.type().columns().size()) {
            throw new PlanningException("the branches of UNION ALL have " + l.size() + " and " + r.size()
                    + " columns", call);
        }
        List<Column> columns = new ArrayList<>();
        Expr[] toLeft = new Expr[l.size()];
        Expr[] toRight = new Expr[r.size()];
        for (int i = 0; i < l.size(); i++) {
            SqlType type;
            try {
                type = TypeRules.leastRestrictive("column " + (i + 1) + " of UNION ALL",
                        List.of(l.get(i).type(), r.get(i).type()));
            } catch (FunctionResolutionException e) {
                throw new PlanningException(e.getMessage(), call);
            }
            columns.add(Column.of(l.get(i).name(), type));
            toLeft[i] = conversion(i, l.get(i).type(), type, call);
            toRight[i] = conversion(i, r.get(i).type(), type, call);
        }
        Set<String> reads = new HashSet<>(left.reads());
        reads.addAll(right.reads());
        QueryBuilder builder = (downstream, wiring) -> {
            Union union = new Union(downstream);
            RowReceiver leftBranch = union.branch();
            RowReceiver rightBranch = union.branch();
            left.builder().build(new Project(toLeft, leftBranch), wiring);
            right.builder().build(new Project(toRight, rightBranch), wiring);
        };
        return new PlannedQuery(rowType(columns), reads, builder);
    }

    private static Expr conversion(int index, SqlType from, SqlType to, SqlNode at) {
        Casts.Conversion c;
        try {
            c = Casts.implicit(from, to);
        } catch (FunctionResolutionException e) {
            throw new PlanningException(e.getMessage(), at);
        }
        return (rowtime, row) -> c.apply(row[index]);
    }

    /** A planned FROM clause: the row its operators deliver and how to build them. */
    private record Source(Scope scope, Set<String> reads, QueryBuilder builder) {
    }

    private PlannedQuery select(SqlSelect select, SqlNodeList orderList) {
        Constructs.checkSelect(select, exprs.functions());
        Constructs.checkOrderBy(orderList);
        if (select.getFrom() == null) {
            throw new PlanningException("SELECT STREAM needs a FROM clause", select);
        }
        Source source = from(select.getFrom());
        Scope scope = source.scope();
        Expr where = select.getWhere() == null ? null : exprs.condition(select.getWhere(), scope);
        Stage stage = stage(select, scope);
        if (stage != null) {
            scope = stage.scope();
        }
        List<Column> columns = new ArrayList<>();
        List<Expr> outputs = new ArrayList<>();
        selectList(select.getSelectList(), scope, columns, outputs);
        RowType type = rowType(columns);
        OrderPlan order = orderList == null || orderList.isEmpty() ? null
                : order(orderList, Scope.output(type, source.scope()));
        Expr[] projections = outputs.toArray(Expr[]::new);
        QueryBuilder builder = (downstream, wiring) -> {
            RowReceiver head = downstream;
            if (order != null) {
                head = wiring.stateful(new OrderBy(order.key(), order.windowEnd(), order.sortKeys(), head));
            }
            head = new Project(projections, head);
            if (stage != null) {
                head = stage.builder().build(head, wiring);
            }
            if (where != null) {
                head = new Filter(where, head);
            }
            source.builder().build(head, wiring);
        };
        return new PlannedQuery(type, source.reads(), builder);
    }

    /** The SELECT's grouping or sliding-window step, or null when it has none. */
    private Stage stage(SqlSelect select, Scope scope) {
        boolean grouped = select.getGroup() != null && !select.getGroup().isEmpty();
        boolean windowed = hasOver(select.getSelectList());
        if (grouped) {
            if (windowed) {
                throw new PlanningException("OVER windows and GROUP BY in one SELECT are not supported; use a "
                        + "subquery", select);
            }
            return new GroupPlanner(exprs).plan(select, scope);
        }
        if (select.getHaving() != null || hasAggregate(select.getSelectList())) {
            throw new PlanningException("an aggregate on a stream needs GROUP BY with an expression monotonic in "
                    + "ROWTIME, WINDOWED BY STAGGER, or OVER for a sliding window", select);
        }
        return windowed ? new SlidingPlanner(exprs).plan(select, scope) : null;
    }

    /**
     * The query's row type. KDA's select lists may repeat a name ({@code MIN(Price) AS Price, MAX(Price) AS Price}
     * in the tumbling-window guide) since a pump inserts by position; a repeated name gets a numeric suffix, as
     * Calcite names them, so the name keeps meaning its first column.
     */
    private static RowType rowType(List<Column> columns) {
        Set<String> names = new HashSet<>();
        for (Column c : columns) {
            names.add(c.name());
        }
        Set<String> taken = new HashSet<>();
        List<Column> unique = new ArrayList<>();
        for (Column c : columns) {
            String name = c.name();
            if (!taken.add(name)) {
                int n = 0;
                do {
                    name = c.name() + n++;
                } while (names.contains(name) || !taken.add(name));
            }
            unique.add(name.equals(c.name()) ? c : new Column(name, c.type(), c.hidden()));
        }
        return new RowType(unique);
    }

    private void selectList(SqlNodeList list, Scope scope, List<Column> columns, List<Expr> outputs) {
        int ordinal = 0;
        for (SqlNode item : list) {
            if (item instanceof SqlIdentifier id && id.isStar()) {
                String qualifier = id.names.size() > 1 ? id.names.get(id.names.size() - 2) : null;
                boolean any = false;
                List<Scope.Field> fields = scope.fields();
                for (int i = 0; i < fields.size(); i++) {
                    Scope.Field f = fields.get(i);
                    if (!f.hidden() && (qualifier == null || qualifier.equals(f.qualifier()))) {
                        int index = i;
                        columns.add(Column.of(f.name(), f.type()));
                        outputs.add((rowtime, row) -> row[index]);
                        any = true;
                    }
                }
                if (!any && qualifier != null) {
                    throw new PlanningException("unknown stream or alias " + qualifier + " in " + id, id);
                }
                ordinal++;
                continue;
            }
            SqlNode expression = item;
            String name;
            if (item.getKind() == SqlKind.AS) {
                SqlCall as = (SqlCall) item;
                expression = as.operand(0);
                name = ((SqlIdentifier) as.operand(1)).getSimple();
            } else if (item instanceof SqlIdentifier id) {
                name = id.names.get(id.names.size() - 1);
            } else {
                name = "EXPR$" + ordinal;
            }
            Typed typed = exprs.compile(expression, scope);
            if (typed.row() != null) {
                flattenRow(name, typed, columns, outputs);
            } else {
                columns.add(Column.of(name, typed.type() == null ? SqlType.varchar(1) : typed.type()));
                outputs.add(typed.expr());
            }
            ordinal++;
        }
    }

    /**
     * A ROW-valued select item ({@code REGEX_LOG_PARSE(log, '...') AS r}) becomes one column per field, named
     * {@code R.COLUMN1}..., which an outer query reads as {@code t.r.COLUMN1} (KDA's log-parsing examples). The
     * function runs once per row: the fields share one evaluation.
     */
    private static void flattenRow(String name, Typed typed, List<Column> columns, List<Expr> outputs) {
        Expr once = new SameRowOnce(typed.expr());
        RowType row = typed.row();
        for (int i = 0; i < row.size(); i++) {
            int field = i;
            columns.add(Column.of(name + "." + row.column(i).name(), row.column(i).type()));
            outputs.add((rowtime, values) -> {
                Object[] fields = (Object[]) once.eval(rowtime, values);
                return fields == null ? null : fields[field];
            });
        }
    }

    private Source from(SqlNode from) {
        switch (from.getKind()) {
            case IDENTIFIER:
                return named((SqlIdentifier) from, null);
            case AS: {
                SqlCall as = (SqlCall) from;
                if (as.operandCount() > 2) {
                    throw new PlanningException("column aliases in FROM are not supported", from);
                }
                String alias = ((SqlIdentifier) as.operand(1)).getSimple();
                SqlNode inner = as.operand(0);
                if (inner instanceof SqlIdentifier id) {
                    return named(id, alias);
                }
                if (inner.getKind() == SqlKind.COLLECTION_TABLE) {
                    return tableFunction((SqlCall) inner, alias);
                }
                return derived(inner, alias);
            }
            case SELECT:
            case ORDER_BY:
                return derived(from, null);
            case JOIN:
                return join((SqlJoin) from);
            case COLLECTION_TABLE:
                return tableFunction((SqlCall) from, null);
            default:
                throw new PlanningException(from.getKind() + " is not supported in FROM", from);
        }
    }

    /** A join side before planning: its source, and its window when it is {@code s OVER (RANGE ...)}. */
    private record JoinInput(Source source, Long rangeMillis, String table, RowType tableType) {
    }

    private JoinInput joinInput(SqlNode node) {
        String alias = null;
        SqlNode inner = node;
        if (inner.getKind() == SqlKind.AS) {
            SqlCall as = (SqlCall) inner;
            alias = ((SqlIdentifier) as.operand(1)).getSimple();
            inner = as.operand(0);
        }
        Long range = null;
        if (inner instanceof SqlCall call && call.getOperator() == KdaOperators.TABLE_OVER) {
            Frame frame = SlidingPlanner.frame((SqlWindow) call.operand(1));
            if (!(frame instanceof Frame.Range r)) {
                throw new PlanningException("a joined stream's window is RANGE INTERVAL ... PRECEDING", call);
            }
            range = r.millis();
            inner = call.operand(0);
        }
        if (inner instanceof SqlIdentifier id && id.names.size() == 1 && !streams.containsKey(id.getSimple())
                && tables.containsKey(id.getSimple())) {
            if (range != null) {
                throw new PlanningException("a reference table takes no OVER window", node);
            }
            String table = id.getSimple();
            RowType type = tables.get(table);
            return new JoinInput(new Source(Scope.of(alias == null ? table : alias, type), Set.of(), null), null,
                    table, type);
        }
        Source source = inner instanceof SqlIdentifier id ? named(id, alias) : derived(inner, alias);
        return new JoinInput(source, range, null, null);
    }

    /**
     * {@code s JOIN "T" AS t ON ...} with a reference table onto a {@link TableJoin};
     * {@code a [OVER (...)] JOIN b [OVER (...)] ON ...} of two streams onto a {@link StreamJoin}.
     */
    private Source join(SqlJoin join) {
        JoinType type = join.getJoinType();
        if (join.isNatural() || join.getConditionType() != JoinConditionType.ON
                || type != JoinType.INNER && type != JoinType.LEFT && type != JoinType.RIGHT && type != JoinType.FULL) {
            throw new PlanningException("only [INNER], LEFT, RIGHT and FULL joins with ON are supported on streams",
                    join);
        }
        JoinInput left = joinInput(join.getLeft());
        JoinInput right = joinInput(join.getRight());
        if (left.table() != null) {
            throw new PlanningException("a reference table joins on the right of a stream", join.getLeft());
        }
        Scope leftScope = left.source().scope();
        Scope rightScope = right.source().scope();
        Scope joined = leftScope.concat(rightScope);
        JoinCondition condition = JoinCondition.split(join.getCondition(), leftScope, rightScope);
        Expr residual = residual(condition.residual(), joined);
        Set<String> reads = new HashSet<>(left.source().reads());
        reads.addAll(right.source().reads());
        if (right.table() != null) {
            if (type != JoinType.INNER && type != JoinType.LEFT) {
                throw new PlanningException("a stream joins a reference table with [INNER] JOIN or LEFT JOIN", join);
            }
            List<Expr> streamKeys = new ArrayList<>();
            List<Integer> tableColumns = new ArrayList<>();
            List<SqlNode> extra = new ArrayList<>(condition.residual());
            for (int i = 0; i < condition.leftKeys().size(); i++) {
                SqlNode tableSide = condition.rightKeys().get(i);
                if (!(tableSide instanceof SqlIdentifier column)) {
                    extra.add(equality(condition.leftKeys().get(i), tableSide));
                    continue;
                }
                Scope.Resolved r = rightScope.resolve(column);
                Typed streamKey = exprs.compile(condition.leftKeys().get(i), leftScope);
                streamKeys.add(exprs.convert(streamKey, r.type(), condition.leftKeys().get(i), true));
                tableColumns.add(r.index());
            }
            Expr rest = residual(extra, joined);
            int[] columns = tableColumns.stream().mapToInt(Integer::intValue).toArray();
            String table = right.table();
            int width = right.tableType().size();
            boolean leftOuter = type == JoinType.LEFT;
            QueryBuilder leftBuilder = left.source().builder();
            return new Source(joined, reads, (downstream, wiring) -> {
                TableJoin tableJoin = wiring.stateful(new TableJoin(streamKeys, columns, width, rest, leftOuter,
                        wiring.referenceRows(table), downstream));
                wiring.onReferenceTable(table, tableJoin::replace);
                leftBuilder.build(tableJoin, wiring);
            });
        }
        if (left.rangeMillis() == null && right.rangeMillis() == null) {
            throw new PlanningException("a join of two streams needs a window on one side: JOIN s OVER (RANGE "
                    + "INTERVAL ... PRECEDING)", join);
        }
        List<Expr> leftKeys = new ArrayList<>();
        List<Expr> rightKeys = new ArrayList<>();
        for (int i = 0; i < condition.leftKeys().size(); i++) {
            Typed l = exprs.compile(condition.leftKeys().get(i), leftScope);
            Typed r = exprs.compile(condition.rightKeys().get(i), rightScope);
            SqlType common = l.type().equals(r.type()) ? l.type() : commonType(l, r, condition.leftKeys().get(i));
            leftKeys.add(exprs.convert(l, common, condition.leftKeys().get(i), true));
            rightKeys.add(exprs.convert(r, common, condition.rightKeys().get(i), true));
        }
        JoinSide leftSide = side(leftScope.width(), leftKeys, left.rangeMillis(),
                type == JoinType.LEFT || type == JoinType.FULL);
        JoinSide rightSide = side(rightScope.width(), rightKeys, right.rangeMillis(),
                type == JoinType.RIGHT || type == JoinType.FULL);
        QueryBuilder leftBuilder = left.source().builder();
        QueryBuilder rightBuilder = right.source().builder();
        return new Source(joined, reads, (downstream, wiring) -> {
            StreamJoin streamJoin = wiring.stateful(new StreamJoin(leftSide, rightSide, residual, downstream));
            leftBuilder.build(streamJoin.left(), wiring);
            rightBuilder.build(streamJoin.right(), wiring);
        });
    }

    private static JoinSide side(int width, List<Expr> keys, Long rangeMillis, boolean preserved) {
        return rangeMillis == null ? JoinSide.current(width, keys, preserved)
                : JoinSide.windowed(width, keys, rangeMillis, preserved);
    }

    private SqlType commonType(Typed a, Typed b, SqlNode at) {
        try {
            return exprs.functions().commonType(List.of(a.type(), b.type()));
        } catch (FunctionLibrary.LookupException e) {
            throw new PlanningException("join keys of types " + a.type() + " and " + b.type() + " cannot be "
                    + "compared: " + e.getMessage(), at);
        }
    }

    private static SqlNode equality(SqlNode a, SqlNode b) {
        return SqlStdOperatorTable.EQUALS.createCall(a.getParserPosition(), a, b);
    }

    private Expr residual(List<SqlNode> conjuncts, Scope scope) {
        if (conjuncts.isEmpty()) {
            return null;
        }
        SqlNode all = conjuncts.get(0);
        for (int i = 1; i < conjuncts.size(); i++) {
            all = SqlStdOperatorTable.AND.createCall(all.getParserPosition(), all, conjuncts.get(i));
        }
        return exprs.condition(all, scope);
    }

    private Source named(SqlIdentifier id, String alias) {
        if (id.names.size() != 1) {
            throw new PlanningException("qualified stream name " + id + " is not supported", id);
        }
        String name = id.getSimple();
        RowType type = streams.get(name);
        if (type == null) {
            if (tables.containsKey(name)) {
                throw new PlanningException("reference table " + name + " can only be joined to a stream", id);
            }
            throw new PlanningException("unknown stream " + name, id);
        }
        Scope scope = Scope.of(alias == null ? name : alias, type);
        return new Source(scope, Set.of(name), (downstream, wiring) -> wiring.subscribe(name, downstream));
    }

    private Source derived(SqlNode query, String alias) {
        PlannedQuery inner = plan(query);
        return new Source(Scope.of(alias, inner.type()), inner.reads(), inner.builder());
    }

    /** {@code TABLE(FN(CURSOR(SELECT STREAM ...), constants...))}: the cursor's query feeds the function. */
    private Source tableFunction(SqlCall table, String alias) {
        if (!(table.operand(0) instanceof SqlCall call)) {
            throw new PlanningException("TABLE(...) needs a table function call", table);
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        List<SqlNode> operands = call.getOperandList();
        if (operands.isEmpty() || operands.get(0).getKind() != SqlKind.CURSOR) {
            throw new PlanningException("table function " + name + " needs CURSOR(SELECT STREAM ...) as its first "
                    + "argument", call);
        }
        PlannedQuery cursor = plan(((SqlCall) operands.get(0)).operand(0));
        List<Object> constants = new ArrayList<>();
        for (SqlNode argument : operands.subList(1, operands.size())) {
            constants.add(constantOf(argument));
        }
        TableFunctionSpec spec;
        try {
            spec = tableFunctions.resolve(name, cursor.type(), constants);
        } catch (TableFunctionException e) {
            throw new PlanningException(e.getMessage(), call);
        }
        TableFunctionSpec.Factory factory = spec.factory();
        return new Source(Scope.of(alias, spec.output()), cursor.reads(), (downstream, wiring) ->
                cursor.builder().build(wiring.stateful(factory.create(downstream)), wiring));
    }

    /** The value of a literal argument (a negated number too), or {@link TableFunctions#NOT_CONSTANT}. */
    private static Object constantOf(SqlNode argument) {
        if (argument instanceof SqlLiteral literal) {
            return ExprCompiler.literal(literal).value();
        }
        if (argument.getKind() == SqlKind.MINUS_PREFIX && ((SqlCall) argument).operand(0) instanceof SqlLiteral l) {
            Object v = ExprCompiler.literal(l).value();
            if (v instanceof Integer i) {
                return -i;
            }
            if (v instanceof Long n) {
                return -n;
            }
            if (v instanceof Double d) {
                return -d;
            }
            if (v instanceof java.math.BigDecimal d) {
                return d.negate();
            }
        }
        return TableFunctions.NOT_CONSTANT;
    }

    /** A streaming ORDER BY: a leading key monotonic in ROWTIME, then the keys rows are sorted by within it. */
    private record OrderPlan(Expr key, LongUnaryOperator windowEnd, List<SortKey> sortKeys) {
    }

    private OrderPlan order(SqlNodeList items, Scope scope) {
        SqlNode first = items.get(0);
        while (first.getKind() == SqlKind.NULLS_FIRST || first.getKind() == SqlKind.NULLS_LAST) {
            first = ((SqlCall) first).operand(0);
        }
        if (first.getKind() == SqlKind.DESCENDING) {
            throw new PlanningException("the leading monotonic ORDER BY item cannot be DESC", items.get(0));
        }
        Expr key = exprs.compile(first, scope).expr();
        List<SortKey> sortKeys = new ArrayList<>();
        for (int i = 1; i < items.size(); i++) {
            SqlNode item = items.get(i);
            boolean descending = false;
            Boolean nullsFirst = null;
            while (item.getKind() == SqlKind.DESCENDING || item.getKind() == SqlKind.NULLS_FIRST
                    || item.getKind() == SqlKind.NULLS_LAST) {
                if (item.getKind() == SqlKind.DESCENDING) {
                    descending = true;
                } else {
                    nullsFirst = item.getKind() == SqlKind.NULLS_FIRST;
                }
                item = ((SqlCall) item).operand(0);
            }
            sortKeys.add(new SortKey(exprs.compile(item, scope).expr(), descending,
                    nullsFirst == null ? descending : nullsFirst));
        }
        return new OrderPlan(key, WindowEnds.of(first), sortKeys);
    }

    private boolean hasAggregate(SqlNodeList list) {
        for (SqlNode n : list) {
            if (containsAggregate(n)) {
                return true;
            }
        }
        return false;
    }

    private boolean containsAggregate(SqlNode node) {
        if (!(node instanceof SqlCall call) || node.getKind() == SqlKind.OVER) {
            return false;
        }
        if (call instanceof SqlBasicCall && exprs.functions().isAggregate(call.getOperator().getName().toUpperCase(Locale.ROOT))) {
            return true;
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null && containsAggregate(operand)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasOver(SqlNodeList list) {
        for (SqlNode n : list) {
            if (containsOver(n)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsOver(SqlNode node) {
        if (!(node instanceof SqlCall call)) {
            return false;
        }
        if (call.getKind() == SqlKind.OVER) {
            return true;
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null && containsOver(operand)) {
                return true;
            }
        }
        return false;
    }
}
