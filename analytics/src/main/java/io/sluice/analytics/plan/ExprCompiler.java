package io.sluice.analytics.plan;

import io.sluice.analytics.plan.FunctionLibrary.Conversion;
import io.sluice.analytics.plan.FunctionLibrary.LookupException;
import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compiles a Calcite expression tree into an {@link Expr} over a row of a {@link Scope}: columns become array
 * reads at indexes resolved now, functions and operators are bound through the {@link FunctionLibrary} once, and
 * only AND, OR, NOT, IS [NOT] NULL, CASE and CAST are evaluated here (their control flow is the planner's). The
 * result does no lookups per row.
 *
 * <p><b>Threading</b>: immutable; compiled expressions are stateless and may run on any one thread.
 */
final class ExprCompiler {

    /** Functions that take the run's start time as an appended last argument. */
    private static final java.util.Set<String> START_TIME_FUNCTIONS = java.util.Set.of("CURRENT_DATE",
            "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "SYS_LOG_PARSE");
    private static final String CURRENT_ROW_TIMESTAMP = "CURRENT_ROW_TIMESTAMP";
    private static final java.util.Set<String> NILADIC = java.util.Set.of("CURRENT_DATE", "CURRENT_TIME",
            "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", CURRENT_ROW_TIMESTAMP);

    private final FunctionLibrary functions;
    private final RunClock clock;

    ExprCompiler(FunctionLibrary functions, RunClock clock) {
        this.functions = functions;
        this.clock = clock;
    }

    /** This compiler for a run with its own clock. */
    ExprCompiler withClock(RunClock runClock) {
        return new ExprCompiler(functions, runClock);
    }

    FunctionLibrary functions() {
        return functions;
    }

    Typed compile(SqlNode node, Scope scope) {
        Scope.Slot slot = scope.slotOf(node);
        if (slot != null) {
            int i = slot.slot();
            return Typed.of((rowtime, row) -> row[i], slot.type());
        }
        if (node instanceof SqlIdentifier id) {
            return identifier(id, scope);
        }
        if (node instanceof SqlLiteral literal) {
            return literal(literal);
        }
        if (node instanceof SqlIntervalQualifier unit) {
            String name = unit.timeUnitRange.name();
            return Typed.literal(name, SqlType.varchar(name.length()));
        }
        if (node instanceof SqlCase sqlCase) {
            return caseExpr(sqlCase, scope);
        }
        if (node instanceof SqlCall call) {
            return call(call, scope);
        }
        throw new PlanningException("expression " + node + " is not supported here", node);
    }

    /** A condition: TRUE passes, FALSE and NULL do not. */
    Expr condition(SqlNode node, Scope scope) {
        Typed t = compile(node, scope);
        if (t.row() != null || t.type() != null && t.type().name() != SqlTypeName.BOOLEAN) {
            throw new PlanningException("condition " + node + " is " + t.type() + ", not BOOLEAN", node);
        }
        return t.expr();
    }

    private Typed identifier(SqlIdentifier id, Scope scope) {
        if (id.isStar()) {
            throw new PlanningException("* is not allowed here", id);
        }
        Scope.Resolved r;
        try {
            r = scope.resolve(id);
        } catch (PlanningException notAColumn) {
            // CURRENT_TIMESTAMP and friends without parentheses arrive as names
            if (id.isSimple() && NILADIC.contains(id.getSimple())) {
                List<Typed> args = new ArrayList<>();
                FunctionLibrary.BoundScalar bound = scalarWithClock(id.getSimple(), args, id);
                return Typed.of(bindArgs(bound, args), bound.returnType());
            }
            throw notAColumn;
        }
        if (r.isRowtime()) {
            return Typed.of((rowtime, row) -> rowtime, SqlType.TIMESTAMP);
        }
        int i = r.index();
        return Typed.of((rowtime, row) -> row[i], r.type());
    }

    static Typed literal(SqlLiteral given) {
        SqlLiteral literal = given;
        if (literal instanceof SqlUnknownLiteral unknown) {
            // TIMESTAMP '...', DATE '...', TIME '...': the parser leaves the value's reading to a later step
            org.apache.calcite.sql.type.SqlTypeName typeName =
                    org.apache.calcite.sql.type.SqlTypeName.get(unknown.tag.toUpperCase(Locale.ROOT));
            if (typeName == null) {
                throw new PlanningException("literal " + literal + " is not supported", literal);
            }
            try {
                literal = unknown.resolve(typeName);
            } catch (RuntimeException e) {
                throw new PlanningException("literal " + literal + " is not a valid " + typeName, literal);
            }
        }
        org.apache.calcite.sql.type.SqlTypeName tn = literal.getTypeName();
        switch (tn) {
            case NULL:
                return Typed.literal(null, null);
            case BOOLEAN:
                return Typed.literal(literal.booleanValue(), SqlType.BOOLEAN);
            case DECIMAL: {
                BigDecimal value = literal.getValueAs(BigDecimal.class);
                if (value.scale() <= 0) {
                    try {
                        long l = value.longValueExact();
                        if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                            return Typed.literal((int) l, SqlType.INTEGER);
                        }
                        return Typed.literal(l, SqlType.BIGINT);
                    } catch (ArithmeticException tooLarge) {
                        // beyond BIGINT: a DECIMAL literal
                    }
                }
                BigDecimal scaled = value.scale() < 0 ? value.setScale(0) : value;
                int precision = Math.max(scaled.precision(), scaled.scale());
                if (precision > SqlType.MAX_DECIMAL_PRECISION) {
                    throw new PlanningException("numeric literal " + literal + " is out of range", literal);
                }
                return Typed.literal(scaled, SqlType.decimal(precision, scaled.scale()));
            }
            case DOUBLE:
            case REAL:
            case FLOAT:
                return Typed.literal(literal.getValueAs(BigDecimal.class).doubleValue(), SqlType.DOUBLE);
            case CHAR:
            case VARCHAR: {
                String s = literal.getValueAs(String.class);
                return Typed.literal(s, SqlType.varchar(Math.max(1, s.length())));
            }
            case TIMESTAMP:
                return Typed.literal(literal.getValueAs(TimestampString.class).getMillisSinceEpoch(),
                        SqlType.TIMESTAMP);
            case DATE:
                return Typed.literal(literal.getValueAs(DateString.class).getDaysSinceEpoch(), SqlType.DATE);
            case TIME:
                return Typed.literal(literal.getValueAs(TimeString.class).getMillisOfDay(), SqlType.TIME);
            case SYMBOL: {
                String name = String.valueOf(literal.getValue());
                return Typed.literal(name, SqlType.varchar(Math.max(1, name.length())));
            }
            default:
                if (literal instanceof SqlIntervalLiteral interval) {
                    SqlIntervalLiteral.IntervalValue value =
                            interval.getValueAs(SqlIntervalLiteral.IntervalValue.class);
                    if (value.getIntervalQualifier().isYearMonth()) {
                        return Typed.literal((int) SqlParserUtil.intervalToMonths(value),
                                SqlType.of(SqlTypeName.INTERVAL_YEAR_MONTH));
                    }
                    return Typed.literal(SqlParserUtil.intervalToMillis(value),
                            SqlType.of(SqlTypeName.INTERVAL_DAY_TIME));
                }
                throw new PlanningException("literal " + literal + " of type " + tn + " is not supported",
                        literal);
        }
    }

    private Typed call(SqlCall call, Scope scope) {
        SqlKind kind = call.getKind();
        switch (kind) {
            case AND:
            case OR:
                return logical(call, scope, kind == SqlKind.AND);
            case NOT: {
                Expr e = condition(call.operand(0), scope);
                return Typed.of((rowtime, row) -> {
                    Object v = e.eval(rowtime, row);
                    return v == null ? null : !(Boolean) v;
                }, SqlType.BOOLEAN);
            }
            case IS_NULL:
            case IS_NOT_NULL: {
                Expr e = compile(call.operand(0), scope).expr();
                boolean wantNull = kind == SqlKind.IS_NULL;
                return Typed.of((rowtime, row) -> (e.eval(rowtime, row) == null) == wantNull, SqlType.BOOLEAN);
            }
            case IS_TRUE:
            case IS_NOT_TRUE:
            case IS_FALSE:
            case IS_NOT_FALSE: {
                Expr e = condition(call.operand(0), scope);
                Boolean target = kind == SqlKind.IS_TRUE || kind == SqlKind.IS_NOT_TRUE;
                boolean negate = kind == SqlKind.IS_NOT_TRUE || kind == SqlKind.IS_NOT_FALSE;
                return Typed.of((rowtime, row) -> target.equals(e.eval(rowtime, row)) != negate, SqlType.BOOLEAN);
            }
            case CAST:
                return cast(call, scope);
            case OVER:
                throw new PlanningException("a windowed aggregate (OVER) is only allowed in a select list", call);
            case SELECT:
            case UNION:
            case EXISTS:
            case IN:
            case NOT_IN:
            case SCALAR_QUERY:
                if (kind == SqlKind.IN || kind == SqlKind.NOT_IN) {
                    return in(call, scope, kind == SqlKind.NOT_IN);
                }
                throw new PlanningException("a subquery inside an expression is not supported", call);
            default:
                return function(call, scope);
        }
    }

    private Typed logical(SqlCall call, Scope scope, boolean and) {
        List<SqlNode> operands = call.getOperandList();
        Expr result = condition(operands.get(0), scope);
        for (int i = 1; i < operands.size(); i++) {
            Expr left = result;
            Expr right = condition(operands.get(i), scope);
            result = and ? (rowtime, row) -> {
                Object l = left.eval(rowtime, row);
                if (Boolean.FALSE.equals(l)) {
                    return Boolean.FALSE;
                }
                Object r = right.eval(rowtime, row);
                if (Boolean.FALSE.equals(r)) {
                    return Boolean.FALSE;
                }
                return l == null || r == null ? null : Boolean.TRUE;
            } : (rowtime, row) -> {
                Object l = left.eval(rowtime, row);
                if (Boolean.TRUE.equals(l)) {
                    return Boolean.TRUE;
                }
                Object r = right.eval(rowtime, row);
                if (Boolean.TRUE.equals(r)) {
                    return Boolean.TRUE;
                }
                return l == null || r == null ? null : Boolean.FALSE;
            };
        }
        return Typed.of(result, SqlType.BOOLEAN);
    }

    /** {@code x IN (a, b, ...)}: a chain of equalities with SQL's NULL rules. */
    private Typed in(SqlCall call, Scope scope, boolean negated) {
        if (!(call.operand(1) instanceof SqlNodeList list)) {
            throw new PlanningException("IN with a subquery is not supported", call);
        }
        Typed value = compile(call.operand(0), scope);
        List<Expr> equalities = new ArrayList<>();
        for (SqlNode item : list) {
            Typed candidate = compile(item, scope);
            equalities.add(bind("=", List.of(value, candidate), item));
        }
        Expr[] eqs = equalities.toArray(Expr[]::new);
        return Typed.of((rowtime, row) -> {
            boolean sawNull = false;
            for (Expr eq : eqs) {
                Object v = eq.eval(rowtime, row);
                if (Boolean.TRUE.equals(v)) {
                    return !negated;
                }
                sawNull |= v == null;
            }
            return sawNull ? null : negated;
        }, SqlType.BOOLEAN);
    }

    private Typed caseExpr(SqlCase sqlCase, Scope scope) {
        SqlNode valueNode = sqlCase.getValueOperand();
        Typed value = valueNode == null ? null : compile(valueNode, scope);
        List<SqlNode> whens = sqlCase.getWhenOperands().getList();
        List<SqlNode> thens = sqlCase.getThenOperands().getList();
        List<Expr> conditions = new ArrayList<>();
        for (SqlNode when : whens) {
            conditions.add(value == null ? condition(when, scope)
                    : bind("=", List.of(value, compile(when, scope)), when));
        }
        List<Typed> results = new ArrayList<>();
        for (SqlNode then : thens) {
            results.add(compile(then, scope));
        }
        SqlNode elseNode = sqlCase.getElseOperand();
        results.add(elseNode == null ? Typed.literal(null, null) : compile(elseNode, scope));
        List<SqlType> types = new ArrayList<>();
        for (Typed r : results) {
            if (r.type() != null) {
                types.add(r.type());
            }
        }
        if (types.isEmpty()) {
            throw new PlanningException("CASE needs at least one branch that is not NULL", sqlCase);
        }
        SqlType common;
        try {
            common = functions.commonType(types);
        } catch (LookupException e) {
            throw new PlanningException("CASE branches have no common type: " + e.getMessage(), sqlCase);
        }
        Expr[] conds = conditions.toArray(Expr[]::new);
        Expr[] outs = new Expr[results.size()];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = convert(results.get(i), common, sqlCase, false);
        }
        Expr otherwise = outs[outs.length - 1];
        return Typed.of((rowtime, row) -> {
            for (int i = 0; i < conds.length; i++) {
                if (Boolean.TRUE.equals(conds[i].eval(rowtime, row))) {
                    return outs[i].eval(rowtime, row);
                }
            }
            return otherwise.eval(rowtime, row);
        }, common);
    }

    private Typed cast(SqlCall call, Scope scope) {
        Typed source = compile(call.operand(0), scope);
        SqlNode target = call.operand(1);
        if (!(target instanceof SqlDataTypeSpec spec)) {
            throw new PlanningException("CAST to " + target + " is not supported", target);
        }
        SqlType to = type(spec);
        return Typed.of(convert(source, to, call, true), to);
    }

    /** The expression converting {@code source} to {@code to}: explicit (CAST) or as an assignment. */
    Expr convert(Typed source, SqlType to, SqlNode at, boolean explicit) {
        if (source.row() != null) {
            throw new PlanningException("a ROW value cannot be converted to " + to + "; read its columns "
                    + "(t.r.COLUMN1)", at);
        }
        if (source.type() == null || source.type().equals(to)) {
            return source.expr();
        }
        Conversion conversion;
        try {
            conversion = explicit ? functions.cast(source.type(), to) : functions.assign(source.type(), to);
        } catch (LookupException e) {
            throw new PlanningException(e.getMessage(), at);
        }
        Expr e = source.expr();
        return (rowtime, row) -> {
            Object v = e.eval(rowtime, row);
            return v == null ? null : conversion.apply(v);
        };
    }

    /** The SQL type a type specification names ({@code VARCHAR(8)}, {@code DECIMAL(10,2)}, {@code TIMESTAMP}). */
    static SqlType type(SqlDataTypeSpec spec) {
        if (!(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic)) {
            throw new PlanningException("type " + spec + " is not supported", spec);
        }
        String name = basic.getTypeName().getSimple().toUpperCase(Locale.ROOT);
        SqlType base;
        try {
            base = SqlType.parse(name);
        } catch (IllegalArgumentException e) {
            throw new PlanningException("type " + spec + " is not supported", spec);
        }
        int precision = basic.getPrecision();
        int scale = basic.getScale();
        if (precision < 0 || !base.name().takesPrecision()) {
            return base;
        }
        try {
            return new SqlType(base.name(), precision, base.name().takesScale() && scale > 0 ? scale : 0);
        } catch (IllegalArgumentException e) {
            throw new PlanningException(e.getMessage(), spec);
        }
    }

    private Typed function(SqlCall call, Scope scope) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        if (call.getOperator() instanceof SqlBetweenOperator between
                && between.flag == SqlBetweenOperator.Flag.ASYMMETRIC) {
            // plain BETWEEN is Calcite's BETWEEN ASYMMETRIC
            name = between.isNegated() ? "NOT BETWEEN" : "BETWEEN";
        }
        if (functions.isAggregate(name)) {
            throw new PlanningException("aggregate function " + name + " is not allowed here", call);
        }
        List<Typed> args = new ArrayList<>();
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null) {
                args.add(compile(operand, scope));
            }
        }
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).row() != null) {
                throw new PlanningException("a ROW value cannot be an argument; read its columns (t.r.COLUMN1)",
                        call.getOperandList().get(i));
            }
        }
        FunctionLibrary.BoundScalar bound = scalarWithClock(name, args, call);
        if (bound.rowType() != null) {
            return Typed.row(bindArgs(bound, args), bound.rowType());
        }
        return Typed.of(bindArgs(bound, args), bound.returnType());
    }

    private FunctionLibrary.BoundScalar scalarWithClock(String name, List<Typed> args, SqlNode at) {
        if (START_TIME_FUNCTIONS.contains(name)) {
            args.add(Typed.literal(clock.startMillis(), SqlType.TIMESTAMP));
        } else if (name.equals(CURRENT_ROW_TIMESTAMP)) {
            java.util.function.LongSupplier wall = clock.wallClock();
            args.add(Typed.of((rowtime, row) -> wall.getAsLong(), SqlType.TIMESTAMP));
        }
        return scalar(name, args, at);
    }

    private static Expr bindArgs(FunctionLibrary.BoundScalar bound, List<Typed> args) {
        Expr[] exprs = new Expr[args.size()];
        for (int i = 0; i < exprs.length; i++) {
            exprs[i] = args.get(i).expr();
        }
        return bound.binder().bind(exprs);
    }

    private Expr bind(String name, List<Typed> args, SqlNode at) {
        Expr[] exprs = new Expr[args.size()];
        for (int i = 0; i < exprs.length; i++) {
            exprs[i] = args.get(i).expr();
        }
        return scalar(name, args, at).binder().bind(exprs);
    }

    private FunctionLibrary.BoundScalar scalar(String name, List<Typed> args, SqlNode at) {
        List<SqlType> types = new ArrayList<>();
        List<Object> constants = new ArrayList<>();
        for (Typed a : args) {
            types.add(a.type());
            constants.add(a.constant() ? a.value() : null);
        }
        try {
            return functions.scalar(name, types, constants);
        } catch (LookupException e) {
            throw new PlanningException(e.getMessage(), at);
        }
    }
}
