package io.sluice.analytics.function;

import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One column of a log parser's column description, {@code name TYPE type [NOT NULL] ['format'] [START n [FOR m]]}
 * (START and FOR only for FIXED_COLUMN_LOG_PARSE; the format only for DATE, TIME and TIMESTAMP, in
 * {@link DateFormat} letters), with the conversion of a field's text to the column's value. Immutable and
 * thread-safe.
 */
record ColumnSpec(Column column, boolean notNull, DateFormat format, int start, int length,
                  Casts.Conversion fromText) {

    private static final Pattern SPEC = Pattern.compile(
            "\\s*(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)\\s+TYPE\\s+([A-Za-z][A-Za-z ]*?(?:\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)?\\))?)"
                    + "(\\s+NOT\\s+NULL)?(?:\\s+'([^']*)')?(?:\\s+START\\s+(\\d+)(?:\\s+FOR\\s+(\\d+))?)?\\s*",
            Pattern.CASE_INSENSITIVE);

    /** The value of one field's text; empty text is NULL unless the column is character-typed. */
    Object value(String text) {
        Object v;
        SqlTypeName t = column.type().name();
        if (text == null || text.isEmpty() && !t.isCharacter()) {
            v = null;
        } else if (format != null) {
            long millis = format.parse(text);
            v = switch (t) {
                case DATE -> (int) Math.floorDiv(millis, Datetimes.MILLIS_PER_DAY);
                case TIME -> (int) Math.floorMod(millis, Datetimes.MILLIS_PER_DAY);
                default -> millis;
            };
        } else {
            v = fromText.apply(t.isCharacter() ? text : text.trim());
        }
        if (v == null && notNull) {
            throw Values.dataError("column " + column.name() + " is NOT NULL but has no value");
        }
        return v;
    }

    /**
     * Reads a comma-separated column description.
     *
     * @throws FunctionResolutionException naming {@code function} and the part that does not read
     */
    static List<ColumnSpec> parse(String function, String description, boolean fixed)
            throws FunctionResolutionException {
        List<ColumnSpec> specs = new ArrayList<>();
        for (String part : splitTopLevel(description)) {
            Matcher m = SPEC.matcher(part);
            if (!m.matches()) {
                throw new FunctionResolutionException(function + ": cannot read the column description '"
                        + part.trim() + "' (expected name TYPE type [NOT NULL]" + (fixed ? " START n [FOR m]" : "")
                        + ")");
            }
            String name = m.group(1).startsWith("\"") ? m.group(1).substring(1, m.group(1).length() - 1)
                    : m.group(1).toUpperCase(Locale.ROOT);
            SqlType type;
            try {
                type = SqlType.parse(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new FunctionResolutionException(function + ": " + e.getMessage());
            }
            DateFormat format = null;
            if (m.group(4) != null) {
                if (!type.name().isDatetime()) {
                    throw new FunctionResolutionException(function + ": only DATE, TIME and TIMESTAMP columns take "
                            + "a format, not " + name);
                }
                try {
                    format = DateFormat.compile(m.group(4));
                } catch (IllegalArgumentException e) {
                    throw new FunctionResolutionException(function + ": " + e.getMessage());
                }
            }
            if (fixed && m.group(5) == null) {
                throw new FunctionResolutionException(function + ": column " + name + " needs START");
            }
            int start = m.group(5) == null ? -1 : Integer.parseInt(m.group(5));
            int length = m.group(6) == null ? -1 : Integer.parseInt(m.group(6));
            Casts.Conversion conversion = Casts.conversion(SqlType.varchar(Integer.MAX_VALUE), type);
            specs.add(new ColumnSpec(Column.of(name, type), m.group(3) != null, format, start, length, conversion));
        }
        if (specs.isEmpty()) {
            throw new FunctionResolutionException(function + " needs at least one column");
        }
        return specs;
    }

    /** Splits at commas outside parentheses and quotes. */
    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(s.substring(from));
        return parts;
    }
}
