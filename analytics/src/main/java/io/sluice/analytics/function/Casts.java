package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;

/**
 * CAST and the implicit conversion of a value stored into a stream column, over the representation of
 * {@link SqlTypeName}. KDA's rules:
 * <ul>
 *   <li>to CHAR(n)/VARCHAR(n) from a character type: cut to n characters (CHAR pads with spaces); from any other
 *       type: its text ({@code yyyy-MM-dd HH:mm:ss.SSS} for a TIMESTAMP, {@code yyyy-MM-dd} for a DATE,
 *       {@code HH:mm:ss} for a TIME, TRUE/FALSE), and a text longer than n fails the row, as KDA refuses
 *       {@code CAST(DATE '2008-08-23' AS VARCHAR(9))};</li>
 *   <li>to an exact integer type: a fraction is cut toward zero; a value outside the type's range fails the row;</li>
 *   <li>to DECIMAL(p,s): rounded HALF_UP to scale s; more than p-s integer digits fail the row;</li>
 *   <li>to REAL, FLOAT, DOUBLE: the nearest value; a finite value REAL cannot hold fails the row;</li>
 *   <li>from a character type: leading and trailing spaces are ignored; numbers as Java reads them, BOOLEAN as
 *       TRUE/FALSE in any case, DATE {@code yyyy-MM-dd}, TIME {@code HH:mm[:ss[.f]]}, TIMESTAMP
 *       {@code yyyy-MM-dd[ HH:mm[:ss[.f]]]} ({@code '1992-02-14 18:35:44.0'}); text that does not read fails the
 *       row;</li>
 *   <li>between datetimes: TIMESTAMP to DATE or TIME takes that part; DATE to TIMESTAMP is its midnight; TIME to
 *       TIMESTAMP is that time on 1970-01-01 (there is no clock here);</li>
 *   <li>a day-time INTERVAL to BIGINT or DECIMAL is its length in milliseconds.</li>
 * </ul>
 * NULL converts to NULL. A row that fails throws {@link io.sluice.analytics.runtime.EvaluationException} with
 * {@code Data Exception}. Stateless; conversions are immutable and thread-safe.
 */
public final class Casts {

    /** One compiled conversion; null in gives null out. */
    @FunctionalInterface
    public interface Conversion {
        Object apply(Object value);
    }

    private Casts() {
    }

    /** Converts one value; for repeated use compile a {@link #conversion} once. */
    public static Object cast(Object value, SqlType from, SqlType to) {
        try {
            return conversion(from, to).apply(value);
        } catch (FunctionResolutionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The conversion CAST performs from {@code from} (null: an untyped NULL) to {@code to}.
     *
     * @throws FunctionResolutionException when KDA's CAST table has no such conversion
     */
    public static Conversion conversion(SqlType from, SqlType to) throws FunctionResolutionException {
        if (from == null) {
            return v -> null;
        }
        Conversion c = build(from, to);
        if (c == null) {
            throw new FunctionResolutionException("CAST from " + from + " to " + to + " is not supported");
        }
        return v -> v == null ? null : c.apply(v);
    }

    /**
     * The conversion applied when a value of {@code from} is inserted into a column of {@code to}: as CAST, limited
     * to the assignments {@link TypeRules#assignable} allows.
     */
    public static Conversion implicit(SqlType from, SqlType to) throws FunctionResolutionException {
        if (!TypeRules.assignable(from, to)) {
            throw new FunctionResolutionException("a " + from + " value cannot be stored in a " + to + " column");
        }
        if (from != null && from.equals(to)) {
            return v -> v;
        }
        return conversion(from, to);
    }

    private static Conversion build(SqlType from, SqlType to) {
        SqlTypeName f = from.name();
        return switch (to.name()) {
            case TINYINT -> toInteger(from, -128, 127, "TINYINT");
            case SMALLINT -> toInteger(from, -32768, 32767, "SMALLINT");
            case INTEGER -> toInteger(from, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
            case BIGINT -> toBigint(from);
            case DECIMAL -> toDecimal(from, to);
            case REAL -> toReal(from);
            case FLOAT, DOUBLE -> toDouble(from);
            case CHAR, VARCHAR -> toCharacter(from, to);
            case BOOLEAN -> f == SqlTypeName.BOOLEAN ? v -> v : f.isCharacter() ? Casts::parseBoolean : null;
            case DATE -> switch (f) {
                case DATE -> v -> v;
                case TIMESTAMP -> v -> (int) Math.floorDiv((Long) v, Datetimes.MILLIS_PER_DAY);
                case CHAR, VARCHAR -> v -> Datetimes.parseDate((String) v);
                default -> null;
            };
            case TIME -> switch (f) {
                case TIME -> v -> v;
                case TIMESTAMP -> v -> (int) Math.floorMod((Long) v, Datetimes.MILLIS_PER_DAY);
                case CHAR, VARCHAR -> v -> Datetimes.parseTime((String) v);
                default -> null;
            };
            case TIMESTAMP -> switch (f) {
                case TIMESTAMP -> v -> v;
                case DATE -> v -> (Integer) v * Datetimes.MILLIS_PER_DAY;
                case TIME -> v -> ((Integer) v).longValue();
                case CHAR, VARCHAR -> v -> Datetimes.parseTimestamp((String) v);
                default -> null;
            };
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> f == to.name() ? v -> v : null;
            case BINARY, VARBINARY -> f == SqlTypeName.BINARY || f == SqlTypeName.VARBINARY
                    ? binary(to) : null;
        };
    }

    private static Conversion toInteger(SqlType from, long min, long max, String name) {
        Conversion exact = toExactLong(from, name);
        if (exact == null) {
            return null;
        }
        return v -> {
            long l = (Long) exact.apply(v);
            if (l < min || l > max) {
                throw Values.dataError("value " + l + " is out of range for " + name);
            }
            return (int) l;
        };
    }

    private static Conversion toBigint(SqlType from) {
        return toExactLong(from, "BIGINT");
    }

    /** A conversion to a Long, cutting fractions toward zero; null when there is none. */
    private static Conversion toExactLong(SqlType from, String name) {
        return switch (from.name()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, INTERVAL_DAY_TIME -> v -> ((Number) v).longValue();
            case DECIMAL -> v -> decimalToLong((BigDecimal) v, name);
            case REAL, FLOAT, DOUBLE -> v -> doubleToLong(((Number) v).doubleValue(), name);
            case CHAR, VARCHAR -> v -> parseLong((String) v, name);
            default -> null;
        };
    }

    private static long decimalToLong(BigDecimal d, String name) {
        try {
            return d.setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw Values.dataError("value " + d.toPlainString() + " is out of range for " + name);
        }
    }

    private static long doubleToLong(double d, String name) {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
            throw Values.dataError("value " + d + " is out of range for " + name);
        }
        return (long) d;
    }

    private static long parseLong(String text, String name) {
        String s = text.trim();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                return decimalToLong(new BigDecimal(s), name);
            } catch (NumberFormatException e2) {
                throw Values.dataError("cannot convert '" + text + "' to " + name);
            }
        }
    }

    private static Conversion toDecimal(SqlType from, SqlType to) {
        int scale = to.scale();
        int integerDigits = to.precision() - to.scale();
        Conversion read = switch (from.name()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, FLOAT, DOUBLE -> Values::asDecimal;
            case INTERVAL_DAY_TIME -> v -> BigDecimal.valueOf((Long) v);
            case CHAR, VARCHAR -> v -> parseDecimal((String) v, to);
            default -> null;
        };
        if (read == null) {
            return null;
        }
        return v -> {
            BigDecimal d = ((BigDecimal) read.apply(v)).setScale(scale, RoundingMode.HALF_UP);
            if (d.signum() != 0 && d.precision() - d.scale() > integerDigits) {
                throw Values.dataError("value " + d.toPlainString() + " is out of range for " + to);
            }
            return d;
        };
    }

    private static BigDecimal parseDecimal(String text, SqlType to) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw Values.dataError("cannot convert '" + text + "' to " + to);
        }
    }

    private static Conversion toDouble(SqlType from) {
        return switch (from.name()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, FLOAT, DOUBLE -> v -> ((Number) v).doubleValue();
            case CHAR, VARCHAR -> v -> parseDouble((String) v, "DOUBLE");
            default -> null;
        };
    }

    private static Conversion toReal(SqlType from) {
        Conversion d = toDouble(from);
        if (d == null) {
            return null;
        }
        return v -> {
            double x = (Double) d.apply(v);
            float f = (float) x;
            if (Float.isInfinite(f) && !Double.isInfinite(x)) {
                throw Values.dataError("value " + x + " is out of range for REAL");
            }
            return f;
        };
    }

    private static double parseDouble(String text, String name) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw Values.dataError("cannot convert '" + text + "' to " + name);
        }
    }

    private static Object parseBoolean(Object v) {
        String s = ((String) v).trim();
        if (s.equalsIgnoreCase("TRUE")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("FALSE")) {
            return Boolean.FALSE;
        }
        if (s.equalsIgnoreCase("UNKNOWN")) {
            return null;
        }
        throw Values.dataError("cannot convert '" + v + "' to BOOLEAN");
    }

    private static Conversion toCharacter(SqlType from, SqlType to) {
        int length = to.precision();
        boolean pad = to.name() == SqlTypeName.CHAR;
        if (from.name().isCharacter()) {
            return v -> fit((String) v, length, pad);
        }
        Conversion text = text(from);
        if (text == null) {
            return null;
        }
        return v -> {
            String s = (String) text.apply(v);
            if (s.length() > length) {
                throw Values.dataError("'" + s + "' does not fit in " + to);
            }
            return pad ? fit(s, length, true) : s;
        };
    }

    private static String fit(String s, int length, boolean pad) {
        if (s.length() > length) {
            return s.substring(0, length);
        }
        if (pad && s.length() < length) {
            StringBuilder b = new StringBuilder(length).append(s);
            while (b.length() < length) {
                b.append(' ');
            }
            return b.toString();
        }
        return s;
    }

    /** The text of a non-character value, as CAST to VARCHAR shows it. */
    static Conversion text(SqlType from) {
        return switch (from.name()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, REAL, FLOAT, DOUBLE -> String::valueOf;
            case DECIMAL -> v -> ((BigDecimal) v).toPlainString();
            case BOOLEAN -> v -> ((Boolean) v) ? "TRUE" : "FALSE";
            case DATE -> v -> Datetimes.formatDate((Integer) v);
            case TIME -> v -> Datetimes.formatTime((Integer) v);
            case TIMESTAMP -> v -> Datetimes.formatTimestamp((Long) v);
            case INTERVAL_DAY_TIME -> v -> dayTimeText((Long) v);
            case INTERVAL_YEAR_MONTH -> v -> yearMonthText((Integer) v);
            default -> null;
        };
    }

    private static String dayTimeText(long millis) {
        String sign = millis < 0 ? "-" : "+";
        long m = Math.abs(millis);
        return String.format(Locale.ROOT, "%s%d %02d:%02d:%02d.%03d", sign, m / Datetimes.MILLIS_PER_DAY,
                m / 3_600_000 % 24, m / 60_000 % 60, m / 1000 % 60, m % 1000);
    }

    private static String yearMonthText(int months) {
        String sign = months < 0 ? "-" : "+";
        int m = Math.abs(months);
        return String.format(Locale.ROOT, "%s%d-%02d", sign, m / 12, m % 12);
    }

    private static Conversion binary(SqlType to) {
        int length = to.precision();
        boolean pad = to.name() == SqlTypeName.BINARY;
        return v -> {
            byte[] b = (byte[]) v;
            return b.length > length || pad && b.length < length ? Arrays.copyOf(b, length) : b;
        };
    }
}
