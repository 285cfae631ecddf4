package io.sluice.analytics.function;

import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log parsers, each returning a ROW (an {@code Object[]} in the columns of the resolved
 * {@link ResolvedScalar#rowType()}), or NULL when the input is NULL or does not match. Their format arguments must be
 * literals, since they decide the row type:
 * <ul>
 *   <li>{@code REGEX_LOG_PARSE(s, regex[, columns])}: the Java regex must match the whole input; a column per
 *       group, COLUMN1... VARCHAR(1024), or named and typed by {@code 'name [type], ...'};</li>
 *   <li>{@code FAST_REGEX_LOG_PARSER(s, pattern)} (also spelt FAST_REGEX_LOG_PARSE): {@link FastRegexPattern};
 *       COLUMN1... VARCHAR(1024);</li>
 *   <li>{@code W3C_LOG_PARSE(s, format)}: {@link W3cLogFormat}; COLUMN1... VARCHAR(1024);</li>
 *   <li>{@code SYS_LOG_PARSE(s[, now])}: {@code Mon DD HH:MM:SS rest}; COLUMN1 TIMESTAMP, COLUMN2 VARCHAR(1024)
 *       (the rest: host and message). Syslog has no year: the planner appends the run's start time ({@code now}, as
 *       for CURRENT_TIMESTAMP) and its year is used; without it, 1970;</li>
 *   <li>{@code VARIABLE_COLUMN_LOG_PARSE(s, columns, delimiter[, escape[, quote]])}: columns a number (COLUMN1...
 *       VARCHAR(1024)) or {@code 'name TYPE type [NOT NULL] ['format'], ...'}; fields past the last column are
 *       dropped, missing ones are NULL; the escape makes the next character literal; text between the begin and
 *       end quote characters (one character for both, or two) is literal and loses its quotes;</li>
 *   <li>{@code FIXED_COLUMN_LOG_PARSE(s, columns)}: {@code 'name TYPE type [NOT NULL] ['format'] START n [FOR m],
 *       ...'} with 0-based starts; a field beyond the end of the input is NULL.</li>
 * </ul>
 * A field that does not convert to its column's type fails the row. Stateless and thread-safe.
 */
final class LogParsers {

    private static final SqlType FIELD = SqlType.varchar(1024);
    private static final DateTimeFormatter SYSLOG_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("MMM ppd HH:mm:ss").toFormatter(Locale.US);

    private LogParsers() {
    }

    static void register(Map<String, Resolver> into) {
        into.put("REGEX_LOG_PARSE", LogParsers::regex);
        into.put("FAST_REGEX_LOG_PARSER", LogParsers::fastRegex);
        into.put("FAST_REGEX_LOG_PARSE", LogParsers::fastRegex);
        into.put("W3C_LOG_PARSE", LogParsers::w3c);
        into.put("SYS_LOG_PARSE", LogParsers::sysLog);
        into.put("VARIABLE_COLUMN_LOG_PARSE", LogParsers::variableColumns);
        into.put("FIXED_COLUMN_LOG_PARSE", LogParsers::fixedColumns);
    }

    /** NULL input gives NULL; the other arguments are the literals the parser was compiled from. */
    private static ResolvedScalar.Impl onInput(ResolvedScalar.Impl impl) {
        return args -> args[0] == null ? null : impl.apply(args);
    }

    private static RowType numbered(int n) {
        List<Column> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(Column.of("COLUMN" + i, FIELD));
        }
        return new RowType(columns);
    }

    private static ResolvedScalar regex(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 3);
        for (int i = 0; i < types.size(); i++) {
            Args.character(name, types, i);
        }
        String text = Args.constantString(name, types, constants, 1, "its regex");
        Pattern pattern;
        try {
            pattern = Pattern.compile(text);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new FunctionResolutionException(name + ": invalid regex '" + text + "': " + e.getDescription());
        }
        int groups = pattern.matcher("").groupCount();
        List<ColumnSpec> specs = types.size() == 3
                ? regexColumns(name, Args.constantString(name, types, constants, 2, "its columns")) : null;
        if (specs != null && specs.size() != groups) {
            throw new FunctionResolutionException(name + ": the regex has " + groups + " groups but "
                    + specs.size() + " columns are named");
        }
        RowType rowType = specs == null ? numbered(groups) : rowType(specs);
        return ResolvedScalar.row(name, rowType, onInput(args -> {
            Matcher m = pattern.matcher((String) args[0]);
            if (!m.matches()) {
                return null;
            }
            Object[] row = new Object[groups];
            for (int g = 0; g < groups; g++) {
                row[g] = specs == null ? m.group(g + 1) : specs.get(g).value(m.group(g + 1));
            }
            return row;
        }));
    }

    /** {@code name [type], ...}, the column list of REGEX_LOG_PARSE. */
    private static List<ColumnSpec> regexColumns(String name, String description)
            throws FunctionResolutionException {
        StringBuilder typed = new StringBuilder();
        for (String part : description.split(",(?![^(]*\\))")) {
            String[] words = part.trim().split("\\s+", 2);
            if (words[0].isEmpty()) {
                throw new FunctionResolutionException(name + ": empty column in '" + description + "'");
            }
            if (!typed.isEmpty()) {
                typed.append(", ");
            }
            typed.append(words[0]).append(" TYPE ").append(words.length == 2 ? words[1] : FIELD.toString());
        }
        return ColumnSpec.parse(name, typed.toString(), false);
    }

    private static RowType rowType(List<ColumnSpec> specs) {
        List<Column> columns = new ArrayList<>(specs.size());
        for (ColumnSpec s : specs) {
            columns.add(s.column());
        }
        return new RowType(columns);
    }

    private static ResolvedScalar fastRegex(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        Args.character(name, types, 0);
        Args.character(name, types, 1);
        String text = Args.constantString(name, types, constants, 1, "its pattern");
        FastRegexPattern pattern;
        try {
            pattern = FastRegexPattern.compile(text);
        } catch (IllegalArgumentException e) {
            throw new FunctionResolutionException(name + ": " + e.getMessage());
        }
        return ResolvedScalar.row(name, numbered(pattern.groups()), onInput(args -> {
            String[] fields = pattern.match((String) args[0]);
            return fields == null ? null : (Object[]) fields;
        }));
    }

    private static ResolvedScalar w3c(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        Args.character(name, types, 0);
        Args.character(name, types, 1);
        String text = Args.constantString(name, types, constants, 1, "its format");
        W3cLogFormat format;
        try {
            format = W3cLogFormat.compile(text);
        } catch (IllegalArgumentException e) {
            throw new FunctionResolutionException(name + ": " + e.getMessage());
        }
        return ResolvedScalar.row(name, numbered(format.columns()), onInput(args -> {
            String[] fields = format.parse((String) args[0]);
            return fields == null ? null : (Object[]) fields;
        }));
    }

    private static ResolvedScalar sysLog(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 1, 2);
        Args.character(name, types, 0);
        if (types.size() == 2) {
            Args.require(name, types, 1, "a TIMESTAMP (the run's start, appended by the planner)",
                    t -> t == SqlTypeName.TIMESTAMP || t == SqlTypeName.BIGINT);
        }
        RowType rowType = RowType.of(Column.of("COLUMN1", SqlType.TIMESTAMP), Column.of("COLUMN2", FIELD));
        return ResolvedScalar.row(name, rowType, args -> {
            String line = (String) args[0];
            if (line == null || line.length() < 15) {
                return null;
            }
            int year = args.length == 2 && args[1] != null
                    ? Datetimes.toLocal(Values.asLong(args[1])).getYear() : 1970;
            try {
                var parsed = SYSLOG_TIME.parse(line.substring(0, 15));
                LocalDateTime t = LocalDate.of(year, parsed.get(ChronoField.MONTH_OF_YEAR),
                        parsed.get(ChronoField.DAY_OF_MONTH)).atTime(parsed.get(ChronoField.HOUR_OF_DAY),
                        parsed.get(ChronoField.MINUTE_OF_HOUR), parsed.get(ChronoField.SECOND_OF_MINUTE));
                return new Object[] {Datetimes.toMillis(t), line.substring(15).strip()};
            } catch (java.time.DateTimeException e) {
                return null;
            }
        });
    }

    private static List<ColumnSpec> specsOrCount(String name, List<SqlType> types, List<Object> constants,
                                                 boolean fixed) throws FunctionResolutionException {
        Object c = Args.constant(constants, 1);
        if (!fixed && c instanceof Number n) {
            int count = n.intValue();
            if (count < 1) {
                throw new FunctionResolutionException(name + " needs at least one column, not " + count);
            }
            StringBuilder d = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                d.append(i > 1 ? ", " : "").append("COLUMN").append(i).append(" TYPE ").append(FIELD);
            }
            return ColumnSpec.parse(name, d.toString(), false);
        }
        if (!(c instanceof String description)) {
            throw new FunctionResolutionException(name + " needs its columns as a literal"
                    + (fixed ? " description" : " count or description"));
        }
        return ColumnSpec.parse(name, description, fixed);
    }

    private static ResolvedScalar variableColumns(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 3, 5);
        Args.character(name, types, 0);
        Args.character(name, types, 2);
        List<ColumnSpec> specs = specsOrCount(name, types, constants, false);
        String delimiter = Args.constantString(name, types, constants, 2, "its delimiter");
        if (delimiter.isEmpty()) {
            throw new FunctionResolutionException(name + " needs a non-empty delimiter");
        }
        String escape = types.size() >= 4 ? optionalConstant(name, constants, 3, "escape") : null;
        String quote = types.size() == 5 ? optionalConstant(name, constants, 4, "quote") : null;
        char esc = escape == null || escape.isEmpty() ? 0 : escape.charAt(0);
        char open = quote == null || quote.isEmpty() ? 0 : quote.charAt(0);
        char close = quote == null || quote.isEmpty() ? 0 : quote.charAt(quote.length() > 1 ? 1 : 0);
        RowType rowType = rowType(specs);
        return ResolvedScalar.row(name, rowType, args -> {
            if (args[0] == null) {
                return null;
            }
            List<String> fields = split((String) args[0], delimiter, esc, open, close, specs.size());
            Object[] row = new Object[specs.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = specs.get(i).value(i < fields.size() ? fields.get(i) : null);
            }
            return row;
        });
    }

    private static String optionalConstant(String name, List<Object> constants, int i, String what)
            throws FunctionResolutionException {
        Object c = Args.constant(constants, i);
        if (c != null && !(c instanceof String)) {
            throw new FunctionResolutionException(name + " needs its " + what + " as a character literal");
        }
        if (c == null && constants != null && i < constants.size()) {
            return null;
        }
        return (String) c;
    }

    static List<String> split(String s, String delimiter, char escape, char open, char close, int max) {
        List<String> fields = new ArrayList<>(max);
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < s.length() && fields.size() < max) {
            char c = s.charAt(i);
            if (escape != 0 && c == escape && i + 1 < s.length()) {
                field.append(s.charAt(i + 1));
                i += 2;
            } else if (quoted) {
                if (c == close) {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
            } else if (open != 0 && c == open) {
                quoted = true;
                i++;
            } else if (s.startsWith(delimiter, i)) {
                fields.add(field.toString());
                field.setLength(0);
                i += delimiter.length();
            } else {
                field.append(c);
                i++;
            }
        }
        if (fields.size() < max) {
            fields.add(field.toString());
        }
        return fields;
    }

    private static ResolvedScalar fixedColumns(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        Args.character(name, types, 0);
        Args.character(name, types, 1);
        List<ColumnSpec> specs = specsOrCount(name, types, constants, true);
        return ResolvedScalar.row(name, rowType(specs), onInput(args -> {
            String s = (String) args[0];
            Object[] row = new Object[specs.size()];
            for (int i = 0; i < row.length; i++) {
                ColumnSpec spec = specs.get(i);
                if (spec.start() >= s.length()) {
                    row[i] = spec.value(null);
                    continue;
                }
                int end = spec.length() < 0 ? s.length() : Math.min(s.length(), spec.start() + spec.length());
                row[i] = spec.value(s.substring(spec.start(), end));
            }
            return row;
        }));
    }
}
