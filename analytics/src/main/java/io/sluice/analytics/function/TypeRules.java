package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.util.List;

import static io.sluice.analytics.type.SqlTypeName.BIGINT;
import static io.sluice.analytics.type.SqlTypeName.DATE;
import static io.sluice.analytics.type.SqlTypeName.DECIMAL;
import static io.sluice.analytics.type.SqlTypeName.INTERVAL_DAY_TIME;
import static io.sluice.analytics.type.SqlTypeName.INTERVAL_YEAR_MONTH;
import static io.sluice.analytics.type.SqlTypeName.TIME;
import static io.sluice.analytics.type.SqlTypeName.TIMESTAMP;

/**
 * The result types of KDA's (standard SQL's) operators. A {@code null} type stands for an untyped NULL literal and
 * fits any other type. The rules:
 * <ul>
 *   <li>Arithmetic {@code + - * / MOD}: TINYINT, SMALLINT and INTEGER give INTEGER (integer division truncates
 *       toward zero); with a BIGINT, BIGINT; with a DECIMAL, DECIMAL by {@link #decimalArithmetic}; with any
 *       approximate type (REAL, FLOAT, DOUBLE), DOUBLE.</li>
 *   <li>Comparisons give BOOLEAN; operands must be comparable: both numeric, both character, both BOOLEAN, the same
 *       datetime or interval type, or a character operand against any of these (it is converted to the other
 *       operand's type, as a literal such as {@code ts > '2024-01-01 00:00:00'} needs).</li>
 *   <li>{@code ||}: CHAR(n) || CHAR(m) is CHAR(n+m); otherwise VARCHAR(n+m).</li>
 *   <li>Least-restrictive type (CASE branches, UNION, IN lists): numeric types widen as arithmetic does (DECIMAL
 *       keeps the most integer digits and the largest scale); character types take the longest length and are
 *       VARCHAR unless all are CHAR; otherwise all types must share a name.</li>
 *   <li>Datetime arithmetic: datetime ± interval and interval + datetime keep the datetime type; interval ±
 *       interval of one family keeps it; interval * or / numeric and numeric * interval keep the interval type;
 *       TIMESTAMP − TIMESTAMP (and DATE − DATE, TIME − TIME) is a day-time interval in milliseconds.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class TypeRules {

    /** The integer digits an exact integer type needs when it meets a DECIMAL. */
    private static final SqlType INTEGER_AS_DECIMAL = SqlType.decimal(10, 0);
    private static final SqlType BIGINT_AS_DECIMAL = SqlType.decimal(19, 0);

    private TypeRules() {
    }

    /** The result type of {@code a op b} for op one of {@code + - * / MOD}, numeric or datetime. */
    public static SqlType arithmetic(String op, SqlType a, SqlType b) throws FunctionResolutionException {
        if (a == null && b == null) {
            throw new FunctionResolutionException("operator " + op + " cannot take two untyped NULLs");
        }
        if (a == null) {
            a = b;
        }
        if (b == null) {
            b = a;
        }
        SqlTypeName x = a.name();
        SqlTypeName y = b.name();
        if (x.isNumeric() && y.isNumeric()) {
            if (x.isApproximateNumeric() || y.isApproximateNumeric()) {
                return SqlType.DOUBLE;
            }
            if (x == DECIMAL || y == DECIMAL) {
                return decimalArithmetic(op, asDecimal(a), asDecimal(b));
            }
            return x == BIGINT || y == BIGINT ? SqlType.BIGINT : SqlType.INTEGER;
        }
        SqlType datetime = datetimeArithmetic(op, a, b);
        if (datetime == null) {
            throw new FunctionResolutionException("operator " + op + " cannot take " + a + " and " + b);
        }
        return datetime;
    }

    /**
     * DECIMAL(p1,s1) op DECIMAL(p2,s2), precision capped at 38 as SQL Server and Calcite do: {@code + -}:
     * scale max(s1,s2), precision max(p1-s1,p2-s2)+scale+1; {@code *}: scale s1+s2, precision p1+p2; {@code /}:
     * scale max(6, s1+p2+1), precision p1-s1+s2+scale (the scale gives way when that exceeds 38, keeping at least 6);
     * MOD: the scale of the larger and the precision of the divisor's integer digits plus that scale.
     */
    public static SqlType decimalArithmetic(String op, SqlType a, SqlType b) {
        int p1 = a.precision(), s1 = a.scale(), p2 = b.precision(), s2 = b.scale();
        int precision;
        int scale;
        switch (op) {
            case "+", "-" -> {
                scale = Math.max(s1, s2);
                precision = Math.max(p1 - s1, p2 - s2) + scale + 1;
            }
            case "*" -> {
                scale = s1 + s2;
                precision = p1 + p2;
            }
            case "/" -> {
                int digits = p1 - s1 + s2;
                scale = Math.max(6, s1 + p2 + 1);
                precision = digits + scale;
                if (precision > SqlType.MAX_DECIMAL_PRECISION) {
                    scale = Math.max(SqlType.MAX_DECIMAL_PRECISION - digits, Math.min(scale, 6));
                    precision = SqlType.MAX_DECIMAL_PRECISION;
                }
            }
            default -> {
                scale = Math.max(s1, s2);
                precision = Math.min(p1 - s1, p2 - s2) + scale;
            }
        }
        precision = Math.max(1, Math.min(precision, SqlType.MAX_DECIMAL_PRECISION));
        scale = Math.min(scale, precision);
        return SqlType.decimal(precision, scale);
    }

    /** The DECIMAL an exact type converts to without loss. */
    static SqlType asDecimal(SqlType t) {
        return switch (t.name()) {
            case DECIMAL -> t;
            case BIGINT -> BIGINT_AS_DECIMAL;
            case TINYINT -> SqlType.decimal(3, 0);
            case SMALLINT -> SqlType.decimal(5, 0);
            default -> INTEGER_AS_DECIMAL;
        };
    }

    private static SqlType datetimeArithmetic(String op, SqlType a, SqlType b) {
        SqlTypeName x = a.name();
        SqlTypeName y = b.name();
        boolean xInterval = isInterval(x);
        boolean yInterval = isInterval(y);
        switch (op) {
            case "+" -> {
                if (x.isDatetime() && yInterval && fits(x, y)) {
                    return a;
                }
                if (xInterval && y.isDatetime() && fits(y, x)) {
                    return b;
                }
                if (xInterval && x == y) {
                    return a;
                }
            }
            case "-" -> {
                if (x.isDatetime() && yInterval && fits(x, y)) {
                    return a;
                }
                if (xInterval && x == y) {
                    return a;
                }
                if (x.isDatetime() && x == y) {
                    return SqlType.of(INTERVAL_DAY_TIME);
                }
            }
            case "*" -> {
                if (xInterval && y.isNumeric()) {
                    return a;
                }
                if (x.isNumeric() && yInterval) {
                    return b;
                }
            }
            case "/" -> {
                if (xInterval && y.isNumeric()) {
                    return a;
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    /** TIME takes no year-month interval; DATE and TIMESTAMP take both families. */
    private static boolean fits(SqlTypeName datetime, SqlTypeName interval) {
        return !(datetime == TIME && interval == INTERVAL_YEAR_MONTH);
    }

    static boolean isInterval(SqlTypeName n) {
        return n == INTERVAL_DAY_TIME || n == INTERVAL_YEAR_MONTH;
    }

    /** Whether {@code a} and {@code b} may be compared (see the class rules); untyped NULL compares with anything. */
    public static boolean comparable(SqlType a, SqlType b) {
        if (a == null || b == null) {
            return true;
        }
        SqlTypeName x = a.name();
        SqlTypeName y = b.name();
        if (x.isNumeric() && y.isNumeric() || x.isCharacter() && y.isCharacter() || x == y
                || isBinary(x) && isBinary(y)) {
            return true;
        }
        if (x == DATE && y == TIMESTAMP || x == TIMESTAMP && y == DATE) {
            return true;
        }
        return x.isCharacter() && convertibleFromCharacter(y) || y.isCharacter() && convertibleFromCharacter(x);
    }

    private static boolean isBinary(SqlTypeName t) {
        return t == SqlTypeName.BINARY || t == SqlTypeName.VARBINARY;
    }

    private static boolean convertibleFromCharacter(SqlTypeName t) {
        return t.isNumeric() || t.isDatetime() || t == SqlTypeName.BOOLEAN;
    }

    /** The type of {@code a || b}. */
    public static SqlType concat(SqlType a, SqlType b) throws FunctionResolutionException {
        SqlType x = a == null ? SqlType.varchar(1) : a;
        SqlType y = b == null ? SqlType.varchar(1) : b;
        if (!x.name().isCharacter() || !y.name().isCharacter()) {
            throw new FunctionResolutionException("operator || takes character operands, not " + x + " and " + y);
        }
        int length = x.precision() + y.precision();
        return x.name() == SqlTypeName.CHAR && y.name() == SqlTypeName.CHAR
                ? new SqlType(SqlTypeName.CHAR, length, 0) : SqlType.varchar(length);
    }

    /**
     * The type every one of {@code types} converts to without loss (CASE, UNION, IN); null entries are untyped NULLs.
     *
     * @throws FunctionResolutionException when the types have none, naming {@code what}
     */
    public static SqlType leastRestrictive(String what, List<SqlType> types) throws FunctionResolutionException {
        SqlType result = null;
        for (SqlType t : types) {
            if (t == null) {
                continue;
            }
            result = result == null ? t : widen(what, result, t);
        }
        if (result == null) {
            throw new FunctionResolutionException(what + " has only untyped NULLs");
        }
        return result;
    }

    private static SqlType widen(String what, SqlType a, SqlType b) throws FunctionResolutionException {
        SqlTypeName x = a.name();
        SqlTypeName y = b.name();
        if (x.isNumeric() && y.isNumeric()) {
            if (x.isApproximateNumeric() || y.isApproximateNumeric()) {
                return x == SqlTypeName.REAL && y == SqlTypeName.REAL ? a : SqlType.DOUBLE;
            }
            if (x == DECIMAL || y == DECIMAL) {
                SqlType p = asDecimal(a);
                SqlType q = asDecimal(b);
                int scale = Math.max(p.scale(), q.scale());
                int digits = Math.max(p.precision() - p.scale(), q.precision() - q.scale());
                int precision = Math.min(SqlType.MAX_DECIMAL_PRECISION, digits + scale);
                return SqlType.decimal(precision, Math.min(scale, precision));
            }
            if (x == BIGINT || y == BIGINT) {
                return SqlType.BIGINT;
            }
            return rank(x) >= rank(y) ? a : b;
        }
        if (x.isCharacter() && y.isCharacter()) {
            int length = Math.max(a.precision(), b.precision());
            return x == SqlTypeName.CHAR && y == SqlTypeName.CHAR
                    ? new SqlType(SqlTypeName.CHAR, length, 0) : SqlType.varchar(length);
        }
        if (x == y) {
            return x.takesPrecision() ? new SqlType(x, Math.max(a.precision(), b.precision()), 0) : a;
        }
        if (x == DATE && y == TIMESTAMP || x == TIMESTAMP && y == DATE) {
            return SqlType.TIMESTAMP;
        }
        throw new FunctionResolutionException(what + " mixes " + a + " and " + b + ", which have no common type");
    }

    private static int rank(SqlTypeName t) {
        return switch (t) {
            case TINYINT -> 1;
            case SMALLINT -> 2;
            default -> 3;
        };
    }

    /** Whether a value of {@code from} may be stored in a column of {@code to} (see {@link Casts#implicit}). */
    public static boolean assignable(SqlType from, SqlType to) {
        if (from == null) {
            return true;
        }
        SqlTypeName x = from.name();
        SqlTypeName y = to.name();
        return x.isNumeric() && y.isNumeric() || x.isCharacter() && y.isCharacter() || x == y
                || x == DATE && y == TIMESTAMP || x == TIMESTAMP && y == DATE
                || x.isCharacter() && (y.isNumeric() || y.isDatetime() || y == SqlTypeName.BOOLEAN);
    }
}
