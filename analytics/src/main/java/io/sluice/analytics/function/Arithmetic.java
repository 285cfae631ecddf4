package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.sluice.analytics.function.Datetimes.MILLIS_PER_DAY;

/**
 * The arithmetic operators {@code + - * /}, {@code MOD} and unary minus ({@code NEGATE}, or {@code -} with one
 * argument), numeric and datetime, with the result types of {@link TypeRules}. Exact results that leave their type
 * fail the row ({@code Data Exception}); so does division by zero of any numeric type. Stateless and thread-safe.
 */
final class Arithmetic {

    private Arithmetic() {
    }

    static void register(Map<String, Resolver> into) {
        for (String op : List.of("+", "-", "*", "/", "MOD")) {
            into.put(op, Arithmetic::resolve);
        }
        into.put("NEGATE", Arithmetic::resolve);
        into.put("UNARY_MINUS", Arithmetic::resolve);
    }

    private static ResolvedScalar resolve(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        if (types.size() == 1 && (name.equals("-") || name.equals("NEGATE") || name.equals("UNARY_MINUS"))) {
            SqlType t = types.get(0);
            if (t == null || !(t.name().isNumeric() || TypeRules.isInterval(t.name()))) {
                throw new FunctionResolutionException("unary - needs a number or an interval, not " + t);
            }
            return ResolvedScalar.of(name, t, Args.strict(negate(t)));
        }
        Args.arity(name, types, 2, 2);
        SqlType a = types.get(0);
        SqlType b = types.get(1);
        SqlType result = TypeRules.arithmetic(name, a, b);
        SqlType x = a == null ? b : a;
        SqlType y = b == null ? a : b;
        ResolvedScalar.Impl impl = x.name().isNumeric() && y.name().isNumeric()
                ? numeric(name, result) : datetime(name, x, y);
        return ResolvedScalar.of(name, result, Args.strict(impl));
    }

    private static ResolvedScalar.Impl negate(SqlType t) {
        return switch (t.name()) {
            case TINYINT, SMALLINT, INTEGER, INTERVAL_YEAR_MONTH -> args -> {
                int v = (Integer) args[0];
                if (v == Integer.MIN_VALUE) {
                    throw overflow(t);
                }
                return -v;
            };
            case BIGINT, INTERVAL_DAY_TIME -> args -> {
                long v = (Long) args[0];
                if (v == Long.MIN_VALUE) {
                    throw overflow(t);
                }
                return -v;
            };
            case DECIMAL -> args -> ((BigDecimal) args[0]).negate();
            case REAL -> args -> -(Float) args[0];
            default -> args -> -(Double) args[0];
        };
    }

    private static ResolvedScalar.Impl numeric(String op, SqlType result) {
        return switch (result.name()) {
            case INTEGER -> integer(op);
            case BIGINT -> bigint(op);
            case DECIMAL -> decimal(op, result);
            default -> approximate(op);
        };
    }

    private static ResolvedScalar.Impl integer(String op) {
        return switch (op) {
            case "+" -> args -> {
                try {
                    return Math.addExact((Integer) args[0], (Integer) args[1]);
                } catch (ArithmeticException e) {
                    throw overflow(SqlType.INTEGER);
                }
            };
            case "-" -> args -> {
                try {
                    return Math.subtractExact((Integer) args[0], (Integer) args[1]);
                } catch (ArithmeticException e) {
                    throw overflow(SqlType.INTEGER);
                }
            };
            case "*" -> args -> {
                try {
                    return Math.multiplyExact((Integer) args[0], (Integer) args[1]);
                } catch (ArithmeticException e) {
                    throw overflow(SqlType.INTEGER);
                }
            };
            case "/" -> args -> {
                int d = nonZero((Integer) args[1]);
                int n = (Integer) args[0];
                if (n == Integer.MIN_VALUE && d == -1) {
                    throw overflow(SqlType.INTEGER);
                }
                return n / d;
            };
            default -> args -> (Integer) args[0] % nonZero((Integer) args[1]);
        };
    }

    private static ResolvedScalar.Impl bigint(String op) {
        return switch (op) {
            case "+" -> args -> {
                try {
                    return Math.addExact(Values.asLong(args[0]), Values.asLong(args[1]));
                } catch (ArithmeticException e) {
                    throw overflow(SqlType.BIGINT);
                }
            };
            case "-" -> args -> {
                try {
                    return Math.subtractExact(Values.asLong(args[0]), Values.asLong(args[1]));
                } catch (ArithmeticException e) {
                    throw overflow(SqlType.BIGINT);
                }
            };
            case "*" -> args -> {
                try {
                    return Math.multiplyExact(Values.asLong(args[0]), Values.asLong(args[1]));
                } catch (ArithmeticException e) {
                    throw overflow(SqlType.BIGINT);
                }
            };
            case "/" -> args -> {
                long d = nonZero(Values.asLong(args[1]));
                long n = Values.asLong(args[0]);
                if (n == Long.MIN_VALUE && d == -1) {
                    throw overflow(SqlType.BIGINT);
                }
                return n / d;
            };
            default -> args -> Values.asLong(args[0]) % nonZero(Values.asLong(args[1]));
        };
    }

    private static ResolvedScalar.Impl decimal(String op, SqlType result) {
        int scale = result.scale();
        int integerDigits = result.precision() - scale;
        return args -> {
            BigDecimal x = Values.asDecimal(args[0]);
            BigDecimal y = Values.asDecimal(args[1]);
            BigDecimal r = switch (op) {
                case "+" -> x.add(y);
                case "-" -> x.subtract(y);
                case "*" -> x.multiply(y);
                case "/" -> x.divide(nonZero(y), scale, RoundingMode.HALF_UP);
                default -> x.remainder(nonZero(y));
            };
            r = r.setScale(scale, RoundingMode.HALF_UP);
            if (r.signum() != 0 && r.precision() - r.scale() > integerDigits) {
                throw overflow(result);
            }
            return r;
        };
    }

    private static ResolvedScalar.Impl approximate(String op) {
        return switch (op) {
            case "+" -> args -> Values.asDouble(args[0]) + Values.asDouble(args[1]);
            case "-" -> args -> Values.asDouble(args[0]) - Values.asDouble(args[1]);
            case "*" -> args -> Values.asDouble(args[0]) * Values.asDouble(args[1]);
            case "/" -> args -> Values.asDouble(args[0]) / nonZero(Values.asDouble(args[1]));
            default -> args -> Values.asDouble(args[0]) % nonZero(Values.asDouble(args[1]));
        };
    }

    private static ResolvedScalar.Impl datetime(String op, SqlType a, SqlType b) {
        SqlTypeName x = a.name();
        SqlTypeName y = b.name();
        if (op.equals("+") && TypeRules.isInterval(x) && y.isDatetime()) {
            ResolvedScalar.Impl swapped = plus(y, x);
            return args -> swapped.apply(new Object[] {args[1], args[0]});
        }
        if (x.isDatetime() && TypeRules.isInterval(y)) {
            ResolvedScalar.Impl plus = plus(x, y);
            if (op.equals("+")) {
                return plus;
            }
            return args -> plus.apply(new Object[] {args[0], negateInterval(args[1])});
        }
        if (x.isDatetime()) {
            // datetime - datetime of one type: a day-time interval in milliseconds
            return switch (x) {
                case TIMESTAMP -> args -> exactSubtract((Long) args[0], (Long) args[1]);
                case DATE -> args -> ((long) (Integer) args[0] - (Integer) args[1]) * MILLIS_PER_DAY;
                default -> args -> (long) (Integer) args[0] - (Integer) args[1];
            };
        }
        boolean dayTime = TypeRules.isInterval(x) ? x == SqlTypeName.INTERVAL_DAY_TIME
                : y == SqlTypeName.INTERVAL_DAY_TIME;
        return switch (op) {
            case "+" -> dayTime ? args -> exactAdd((Long) args[0], (Long) args[1])
                    : args -> Values.toIntExact((long) (Integer) args[0] + (Integer) args[1], "interval");
            case "-" -> dayTime ? args -> exactSubtract((Long) args[0], (Long) args[1])
                    : args -> Values.toIntExact((long) (Integer) args[0] - (Integer) args[1], "interval");
            case "*" -> {
                boolean intervalFirst = TypeRules.isInterval(x);
                yield args -> scale(intervalFirst ? args[0] : args[1], intervalFirst ? args[1] : args[0], dayTime,
                        false);
            }
            default -> args -> scale(args[0], args[1], dayTime, true);
        };
    }

    private static ResolvedScalar.Impl plus(SqlTypeName datetime, SqlTypeName interval) {
        boolean months = interval == SqlTypeName.INTERVAL_YEAR_MONTH;
        return switch (datetime) {
            case TIMESTAMP -> months ? args -> Datetimes.plusMonths((Long) args[0], (Integer) args[1])
                    : args -> exactAdd((Long) args[0], (Long) args[1]);
            case DATE -> months
                    ? args -> (int) LocalDate.ofEpochDay((Integer) args[0]).plusMonths((Integer) args[1]).toEpochDay()
                    : args -> (int) ((Integer) args[0] + Math.floorDiv((Long) args[1], MILLIS_PER_DAY));
            default -> args -> (int) Math.floorMod((Integer) args[0] + (Long) args[1], MILLIS_PER_DAY);
        };
    }

    private static Object negateInterval(Object v) {
        return v instanceof Integer i ? Integer.valueOf(-i) : (Object) (-(Long) v);
    }

    /** An interval times or divided by a number, rounded half up to whole milliseconds or months. */
    private static Object scale(Object interval, Object number, boolean dayTime, boolean divide) {
        BigDecimal factor = Values.asDecimal(number);
        BigDecimal length = BigDecimal.valueOf(((Number) interval).longValue());
        BigDecimal r = divide ? length.divide(nonZero(factor), 0, RoundingMode.HALF_UP)
                : length.multiply(factor).setScale(0, RoundingMode.HALF_UP);
        try {
            return dayTime ? (Object) r.longValueExact() : (Object) r.intValueExact();
        } catch (ArithmeticException e) {
            throw Values.dataError("interval overflow");
        }
    }

    private static long exactAdd(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw Values.dataError("datetime overflow");
        }
    }

    private static long exactSubtract(long a, long b) {
        try {
            return Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw Values.dataError("datetime overflow");
        }
    }

    private static int nonZero(int d) {
        if (d == 0) {
            throw divisionByZero();
        }
        return d;
    }

    private static long nonZero(long d) {
        if (d == 0) {
            throw divisionByZero();
        }
        return d;
    }

    private static double nonZero(double d) {
        if (d == 0) {
            throw divisionByZero();
        }
        return d;
    }

    private static BigDecimal nonZero(BigDecimal d) {
        if (d.signum() == 0) {
            throw divisionByZero();
        }
        return d;
    }

    static io.sluice.analytics.runtime.EvaluationException divisionByZero() {
        return Values.dataError("Division by zero");
    }

    private static io.sluice.analytics.runtime.EvaluationException overflow(SqlType t) {
        return Values.dataError("numeric overflow: the result does not fit in " + t);
    }
}
