package io.sluice.analytics.type;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL type with its length or precision and scale, as an input schema's {@code SqlType} spells it
 * ({@code VARCHAR(8)}, {@code DECIMAL(10,2)}, {@code TIMESTAMP}, {@code DOUBLE}...). {@code precision} is the
 * length of character and binary types and the precision of DECIMAL; -1 where the type takes none. Immutable.
 */
public record SqlType(SqlTypeName name, int precision, int scale) {

    /** KDA's defaults where a schema omits them: VARCHAR without a length is VARCHAR(1), as in standard SQL. */
    public static final int DEFAULT_CHAR_LENGTH = 1;
    public static final int DEFAULT_DECIMAL_PRECISION = 19;
    public static final int MAX_DECIMAL_PRECISION = 38;

    public static final SqlType BOOLEAN = of(SqlTypeName.BOOLEAN);
    public static final SqlType INTEGER = of(SqlTypeName.INTEGER);
    public static final SqlType BIGINT = of(SqlTypeName.BIGINT);
    public static final SqlType DOUBLE = of(SqlTypeName.DOUBLE);
    public static final SqlType TIMESTAMP = of(SqlTypeName.TIMESTAMP);
    public static final SqlType DATE = of(SqlTypeName.DATE);
    public static final SqlType TIME = of(SqlTypeName.TIME);

    private static final Pattern SPELLING = Pattern.compile(
            "\\s*([A-Za-z]+(?:\\s+[A-Za-z]+)*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    public SqlType {
        if (name == null) {
            throw new IllegalArgumentException("a SQL type needs a name");
        }
        if (!name.takesPrecision() && precision != -1 || !name.takesScale() && scale != 0) {
            throw new IllegalArgumentException(name + " takes no length, precision or scale");
        }
        if (name.takesPrecision() && precision < 1) {
            throw new IllegalArgumentException(name + " needs a positive length or precision");
        }
        if (name == SqlTypeName.DECIMAL && (precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision)) {
            throw new IllegalArgumentException("DECIMAL(" + precision + "," + scale + ") is out of range");
        }
    }

    public static SqlType of(SqlTypeName name) {
        return switch (name) {
            case CHAR, VARCHAR, BINARY, VARBINARY -> new SqlType(name, DEFAULT_CHAR_LENGTH, 0);
            case DECIMAL -> new SqlType(name, DEFAULT_DECIMAL_PRECISION, 0);
            default -> new SqlType(name, -1, 0);
        };
    }

    public static SqlType varchar(int length) {
        return new SqlType(SqlTypeName.VARCHAR, length, 0);
    }

    public static SqlType decimal(int precision, int scale) {
        return new SqlType(SqlTypeName.DECIMAL, precision, scale);
    }

    /**
     * Reads a type as a schema spells it, case-insensitively: synonyms {@code INT}, {@code CHARACTER VARYING},
     * {@code NUMERIC}, {@code DOUBLE PRECISION}, {@code CHARACTER} are accepted.
     *
     * @throws IllegalArgumentException naming the spelling, when it is not a type or its arguments do not fit
     */
    public static SqlType parse(String text) {
        Matcher m = text == null ? null : SPELLING.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a SQL type");
        }
        String word = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        SqlTypeName name = switch (word) {
            case "BOOLEAN" -> SqlTypeName.BOOLEAN;
            case "TINYINT" -> SqlTypeName.TINYINT;
            case "SMALLINT" -> SqlTypeName.SMALLINT;
            case "INT", "INTEGER" -> SqlTypeName.INTEGER;
            case "BIGINT" -> SqlTypeName.BIGINT;
            case "DECIMAL", "DEC", "NUMERIC" -> SqlTypeName.DECIMAL;
            case "REAL" -> SqlTypeName.REAL;
            case "FLOAT" -> SqlTypeName.FLOAT;
            case "DOUBLE", "DOUBLE PRECISION" -> SqlTypeName.DOUBLE;
            case "CHAR", "CHARACTER" -> SqlTypeName.CHAR;
            case "VARCHAR", "CHARACTER VARYING", "CHAR VARYING" -> SqlTypeName.VARCHAR;
            case "BINARY" -> SqlTypeName.BINARY;
            case "VARBINARY", "BINARY VARYING" -> SqlTypeName.VARBINARY;
            case "DATE" -> SqlTypeName.DATE;
            case "TIME" -> SqlTypeName.TIME;
            case "TIMESTAMP" -> SqlTypeName.TIMESTAMP;
            default -> throw new IllegalArgumentException("'" + text + "' is not a SQL type");
        };
        if (m.group(2) == null) {
            return of(name);
        }
        if (!name.takesPrecision() || m.group(3) != null && !name.takesScale()) {
            throw new IllegalArgumentException("'" + text + "': " + name + " takes no such arguments");
        }
        int precision = Integer.parseInt(m.group(2));
        int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new SqlType(name, precision, scale);
    }

    /** The spelling KDA describes columns with: {@code VARCHAR(8)}, {@code DECIMAL(10,2)}, {@code DOUBLE}. */
    @Override
    public String toString() {
        return switch (name) {
            case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
            case CHAR, VARCHAR, BINARY, VARBINARY -> name + "(" + precision + ")";
            case INTERVAL_DAY_TIME -> "INTERVAL DAY TO SECOND";
            case INTERVAL_YEAR_MONTH -> "INTERVAL YEAR TO MONTH";
            default -> name.name();
        };
    }
}
