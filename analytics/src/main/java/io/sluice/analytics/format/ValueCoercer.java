package io.sluice.analytics.format;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Converts one source value to one column's SQL type by the rules of KDA's {@code sch-mapping} page, per kind of
 * JSON value (null, boolean, number, string, array or object; a CSV field is a string), producing the Java
 * representation {@link io.sluice.analytics.type.SqlTypeName} prescribes:
 * <ul>
 *   <li>null is NULL for every type;</li>
 *   <li>a boolean is 1/0 in numeric types, itself in BOOLEAN, {@code true}/{@code false} in character types, a
 *   byte with the lowest bit set or clear in binary types, and an error in datetime types;</li>
 *   <li>a number converts directly into numeric types and fails when it does not fit (range, integer digits of a
 *   DECIMAL, or digits a type would drop, as 123.4 into INTEGER); into BOOLEAN 0 is false and anything else true;
 *   into character types it is its own text; into binary and datetime types it fails;</li>
 *   <li>a string is parsed into numeric and datetime types (an error when it does not parse), is true in BOOLEAN
 *   only when it reads {@code true} in any case, and is a binary value only as a literal {@code X'3F67'};</li>
 *   <li>an array or object becomes its JSON text in character types and fails in any other type;</li>
 *   <li>character values longer than the column are cut to its length without error; CHAR(n) is padded with
 *   spaces to n, as SQL fixes its length.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class ValueCoercer {

    private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern BINARY_LITERAL = Pattern.compile("[xX]'((?:[0-9a-fA-F]{2})*)'");
    private static final int MESSAGE_VALUE_CHARS = 64;

    private final String column;
    private final SqlType type;
    private final boolean sampleText;

    /**
     * @param sampleText whether a value that converts is answered as its source text instead (a String), for
     *                   discovery's ParsedInputRecords: KDA shows a sample's values as they are in the record (a
     *                   value longer than its discovered VARCHAR whole), and null where they do not convert
     */
    ValueCoercer(String column, SqlType type, boolean sampleText) {
        this.column = column;
        this.type = type;
        this.sampleText = sampleText;
    }

    SqlType type() {
        return type;
    }

    Object fromBoolean(boolean value) throws CoercionException {
        return answer(toBoolean(value), Boolean.toString(value));
    }

    private Object toBoolean(boolean value) throws CoercionException {
        return switch (type.name()) {
            case BOOLEAN -> value;
            case TINYINT, SMALLINT, INTEGER -> value ? 1 : 0;
            case BIGINT -> value ? 1L : 0L;
            case DECIMAL -> decimal(value ? BigDecimal.ONE : BigDecimal.ZERO, Boolean.toString(value));
            case REAL -> value ? 1f : 0f;
            case FLOAT, DOUBLE -> value ? 1d : 0d;
            case CHAR, VARCHAR -> characters(Boolean.toString(value));
            case BINARY, VARBINARY -> {
                byte[] bytes = new byte[type.name() == SqlTypeName.BINARY ? type.precision() : 1];
                bytes[bytes.length - 1] = (byte) (value ? 1 : 0);
                yield bytes;
            }
            default -> throw fail("boolean", Boolean.toString(value));
        };
    }

    /** A JSON integer that fits a long. */
    Object fromLong(long value) throws CoercionException {
        return sampleText ? answer(toLong(value), Long.toString(value)) : toLong(value);
    }

    private Object toLong(long value) throws CoercionException {
        return switch (type.name()) {
            case TINYINT -> ranged(value, Byte.MIN_VALUE, Byte.MAX_VALUE, Long.toString(value));
            case SMALLINT -> ranged(value, Short.MIN_VALUE, Short.MAX_VALUE, Long.toString(value));
            case INTEGER -> ranged(value, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.toString(value));
            case BIGINT -> value;
            case DECIMAL -> decimal(BigDecimal.valueOf(value), Long.toString(value));
            case REAL -> (float) value;
            case FLOAT, DOUBLE -> (double) value;
            case BOOLEAN -> value != 0;
            case CHAR, VARCHAR -> characters(Long.toString(value));
            default -> throw fail("number", Long.toString(value));
        };
    }

    /** A JSON number literal, by its text (exact for DECIMAL, whatever its size). */
    Object fromNumber(String text) throws CoercionException {
        return answer(toNumber(text), text);
    }

    private Object toNumber(String text) throws CoercionException {
        return switch (type.name()) {
            case CHAR, VARCHAR -> characters(text);
            case BOOLEAN -> new BigDecimal(text).signum() != 0;
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, FLOAT, DOUBLE -> numeric(text, "number");
            default -> throw fail("number", text);
        };
    }

    Object fromString(String text) throws CoercionException {
        return answer(toString(text), text);
    }

    private Object toString(String text) throws CoercionException {
        return switch (type.name()) {
            case CHAR, VARCHAR -> characters(text);
            case BOOLEAN -> text.trim().equalsIgnoreCase("true");
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, FLOAT, DOUBLE -> {
                String trimmed = text.trim();
                if (!DECIMAL_TEXT.matcher(trimmed).matches()) {
                    throw fail("string", text);
                }
                yield numeric(trimmed, "string");
            }
            case DATE -> orFail(DateTimeText.parseDate(text), text);
            case TIME -> orFail(DateTimeText.parseTime(text), text);
            case TIMESTAMP -> orFail(DateTimeText.parseTimestamp(text), text);
            case BINARY, VARBINARY -> binary(text);
            default -> throw fail("string", text);
        };
    }

    /** A CSV field: an empty field is NULL except in character columns, where it is the empty string. */
    Object fromField(String field) throws CoercionException {
        if (field.isEmpty() && !type.name().isCharacter()) {
            return null;
        }
        return fromString(field);
    }

    /** An array or object, by its JSON text. */
    Object fromStructure(String json) throws CoercionException {
        if (type.name().isCharacter()) {
            return answer(characters(json), json);
        }
        throw fail(json.startsWith("[") ? "array" : "object", json);
    }

    private Object answer(Object value, String source) {
        return sampleText ? source : value;
    }

    private Object numeric(String text, String kind) throws CoercionException {
        switch (type.name()) {
            case REAL -> {
                float f = Float.parseFloat(text);
                if (Float.isInfinite(f)) {
                    throw fail(kind, text, "it is out of the range of REAL");
                }
                return f;
            }
            case FLOAT, DOUBLE -> {
                double d = Double.parseDouble(text);
                if (Double.isInfinite(d)) {
                    throw fail(kind, text, "it is out of the range of " + type.name());
                }
                return d;
            }
            case DECIMAL -> {
                return decimal(new BigDecimal(text), text);
            }
            default -> {
                BigInteger whole;
                try {
                    whole = new BigDecimal(text).toBigIntegerExact();
                } catch (ArithmeticException e) {
                    throw fail(kind, text, type.name() + " holds no fraction");
                }
                if (whole.bitLength() > 63) {
                    throw fail(kind, text, "it is out of the range of " + type.name());
                }
                return toLong(whole.longValue());
            }
        }
    }

    private Object ranged(long value, long min, long max, String text) throws CoercionException {
        if (value < min || value > max) {
            throw fail("number", text, "it is out of the range of " + type.name());
        }
        return (int) value;
    }

    private BigDecimal decimal(BigDecimal value, String text) throws CoercionException {
        BigDecimal scaled;
        try {
            scaled = value.setScale(type.scale());
        } catch (ArithmeticException e) {
            throw fail("number", text, "it has more than " + type.scale() + " fractional digits");
        }
        if (scaled.precision() - scaled.scale() > type.precision() - type.scale() && scaled.signum() != 0) {
            throw fail("number", text, "it does not fit " + type);
        }
        return scaled;
    }

    private String characters(String text) {
        int length = type.precision();
        String cut = text;
        if (text.length() > length) {
            int end = length;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            cut = text.substring(0, end);
        }
        if (type.name() == SqlTypeName.CHAR && cut.length() < length) {
            return cut + " ".repeat(length - cut.length());
        }
        return cut;
    }

    private byte[] binary(String text) throws CoercionException {
        var m = BINARY_LITERAL.matcher(text.trim());
        if (!m.matches()) {
            throw fail("string", text, "a binary value is written X'hex' with an even number of digits");
        }
        String hex = m.group(1);
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        if (bytes.length > type.precision()) {
            throw fail("string", text, "it is longer than " + type);
        }
        if (type.name() == SqlTypeName.BINARY && bytes.length < type.precision()) {
            return Arrays.copyOf(bytes, type.precision());
        }
        return bytes;
    }

    private Object orFail(Object parsed, String text) throws CoercionException {
        if (parsed == null) {
            throw fail("string", text, "it is not a valid " + type.name() + " (such as 1992-02-14 18:35:44.0)");
        }
        return parsed;
    }

    private CoercionException fail(String kind, String value) {
        return fail(kind, value, null);
    }

    private CoercionException fail(String kind, String value, String why) {
        String shown = value.length() > MESSAGE_VALUE_CHARS ? value.substring(0, MESSAGE_VALUE_CHARS) + "..." : value;
        return new CoercionException("Coercion error: cannot convert " + kind + " '" + shown + "' to " + type
                + " for column " + column + (why == null ? "" : ": " + why));
    }
}
