package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The numeric functions: {@code ABS}, {@code CEIL}/{@code CEILING}, {@code FLOOR} (same type; a DECIMAL keeps its
 * precision with scale 0), {@code EXP}, {@code LN}, {@code LOG10}, {@code SQRT}, {@code POWER} (DOUBLE; a
 * logarithm of a non-positive number, the root of a negative one, or a power without a real result fails the row),
 * and {@code STEP(x BY y)} for numbers (x rounded down to a multiple of y, y positive). FLOOR, CEIL and STEP of a
 * datetime go to {@link DateTimeFunctions}. {@code MOD} is an operator of {@link Arithmetic}. NULL in gives NULL.
 * Stateless and thread-safe.
 */
final class NumericFunctions {

    private NumericFunctions() {
    }

    static void register(Map<String, Resolver> into) {
        into.put("ABS", NumericFunctions::abs);
        into.put("CEIL", NumericFunctions::rounding);
        into.put("CEILING", NumericFunctions::rounding);
        into.put("FLOOR", NumericFunctions::rounding);
        into.put("EXP", (n, t, c) -> real(n, t, Math::exp, x -> true, ""));
        into.put("LN", (n, t, c) -> real(n, t, Math::log, x -> x > 0, "a positive number"));
        into.put("LOG10", (n, t, c) -> real(n, t, Math::log10, x -> x > 0, "a positive number"));
        into.put("SQRT", (n, t, c) -> real(n, t, Math::sqrt, x -> x >= 0, "a number of at least 0"));
        into.put("POWER", NumericFunctions::power);
        into.put("STEP", NumericFunctions::step);
    }

    private static ResolvedScalar abs(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 1, 1);
        Args.numeric(name, types, 0);
        SqlType t = types.get(0) == null ? SqlType.INTEGER : types.get(0);
        ResolvedScalar.Impl impl = switch (t.name()) {
            case TINYINT, SMALLINT, INTEGER -> args -> {
                int v = (Integer) args[0];
                if (v == Integer.MIN_VALUE) {
                    throw Values.dataError("numeric overflow: ABS(" + v + ") does not fit in " + t);
                }
                return Math.abs(v);
            };
            case BIGINT -> args -> {
                long v = (Long) args[0];
                if (v == Long.MIN_VALUE) {
                    throw Values.dataError("numeric overflow: ABS(" + v + ") does not fit in BIGINT");
                }
                return Math.abs(v);
            };
            case DECIMAL -> args -> ((BigDecimal) args[0]).abs();
            case REAL -> args -> Math.abs((Float) args[0]);
            default -> args -> Math.abs((Double) args[0]);
        };
        return ResolvedScalar.of(name, t, Args.strict(impl));
    }

    private static ResolvedScalar rounding(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        String canonical = name.equals("CEILING") ? "CEIL" : name;
        if (types.size() == 2 && types.get(0) != null && (types.get(0).name().isDatetime()
                || types.get(0).name() == SqlTypeName.INTERVAL_DAY_TIME)) {
            ResolvedScalar r = DateTimeFunctions.floorCeil(canonical, types, constants);
            return new ResolvedScalar(name, r.returnType(), null, r.impl());
        }
        Args.arity(name, types, 1, 1);
        Args.numeric(name, types, 0);
        SqlType t = types.get(0) == null ? SqlType.INTEGER : types.get(0);
        boolean ceil = canonical.equals("CEIL");
        RoundingMode mode = ceil ? RoundingMode.CEILING : RoundingMode.FLOOR;
        return switch (t.name()) {
            case DECIMAL -> ResolvedScalar.of(name, SqlType.decimal(t.precision(), 0),
                    Args.strict(args -> ((BigDecimal) args[0]).setScale(0, mode)));
            case REAL -> ResolvedScalar.of(name, t, Args.strict(args -> (float) (ceil
                    ? Math.ceil((Float) args[0]) : Math.floor((Float) args[0]))));
            case FLOAT, DOUBLE -> ResolvedScalar.of(name, t, Args.strict(args -> ceil
                    ? Math.ceil((Double) args[0]) : Math.floor((Double) args[0])));
            default -> ResolvedScalar.of(name, t, args -> args[0]);
        };
    }

    private interface DoubleTest {
        boolean ok(double x);
    }

    private static ResolvedScalar real(String name, List<SqlType> types, DoubleUnaryOperator f, DoubleTest domain,
                                       String needs) throws FunctionResolutionException {
        Args.arity(name, types, 1, 1);
        Args.numeric(name, types, 0);
        return ResolvedScalar.of(name, SqlType.DOUBLE, Args.strict(args -> {
            double x = Values.asDouble(args[0]);
            if (!domain.ok(x)) {
                throw Values.dataError(name + " needs " + needs + ", not " + x);
            }
            return f.applyAsDouble(x);
        }));
    }

    private static ResolvedScalar power(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        Args.numeric(name, types, 0);
        Args.numeric(name, types, 1);
        return ResolvedScalar.of(name, SqlType.DOUBLE, Args.strict(args -> {
            double x = Values.asDouble(args[0]);
            double y = Values.asDouble(args[1]);
            if (x == 0 && y < 0) {
                throw Values.dataError("POWER of 0 to a negative exponent");
            }
            double r = Math.pow(x, y);
            if (Double.isNaN(r) && !Double.isNaN(x) && !Double.isNaN(y)) {
                throw Values.dataError("POWER(" + x + ", " + y + ") has no real value");
            }
            return r;
        }));
    }

    private static ResolvedScalar step(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        SqlType t = types.get(0);
        if (t == null) {
            throw new FunctionResolutionException(name + " cannot step an untyped NULL");
        }
        if (t.name().isDatetime()) {
            return DateTimeFunctions.step(name, types);
        }
        Args.numeric(name, types, 0);
        Args.numeric(name, types, 1);
        SqlType result = TypeRules.arithmetic("/", t, types.get(1));
        SqlTypeName r = result.name();
        ResolvedScalar.Impl impl = switch (r) {
            case INTEGER, BIGINT -> args -> {
                long by = Values.asLong(args[1]);
                if (by <= 0) {
                    throw Values.dataError("STEP needs a positive step, not " + by);
                }
                long v = Math.floorDiv(Values.asLong(args[0]), by) * by;
                return r == SqlTypeName.INTEGER ? (Object) (int) v : (Object) v;
            };
            case DECIMAL -> args -> {
                BigDecimal by = Values.asDecimal(args[1]);
                if (by.signum() <= 0) {
                    throw Values.dataError("STEP needs a positive step, not " + by);
                }
                BigDecimal x = Values.asDecimal(args[0]);
                return x.divide(by, 0, RoundingMode.FLOOR).multiply(by);
            };
            default -> args -> {
                double by = Values.asDouble(args[1]);
                if (!(by > 0)) {
                    throw Values.dataError("STEP needs a positive step, not " + by);
                }
                return Math.floor(Values.asDouble(args[0]) / by) * by;
            };
        };
        SqlType type = r == SqlTypeName.DECIMAL ? TypeRules.asDecimal(t) : result;
        return ResolvedScalar.of(name, type, Args.strict(impl));
    }
}
