package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string functions of KDA's reference (positions count from 1; NULL in gives NULL out):
 * <ul>
 *   <li>{@code CHAR_LENGTH(s)}, {@code CHARACTER_LENGTH(s)}: INTEGER, the number of characters;</li>
 *   <li>{@code UPPER(s)}, {@code LOWER(s)}; {@code INITCAP(s)}: each space-delimited word starts upper case, the
 *       rest lower case;</li>
 *   <li>{@code OVERLAY(s, r, start[, length])} ({@code OVERLAY(s PLACING r FROM start FOR length)}): s with
 *       {@code length} characters (default r's length) from {@code start} replaced by r;</li>
 *   <li>{@code POSITION(sub, s[, from])} ({@code POSITION(sub IN s)}): where sub first occurs in s, 0 if nowhere, 1
 *       for an empty sub;</li>
 *   <li>{@code REGEX_REPLACE(original, regex, replacement, startPosition, occurrence)}: Java regex and replacement
 *       syntax; searching starts at startPosition (below 1 fails the row, beyond the end returns original);
 *       occurrence 0 replaces every match, n only the n-th, a negative one fails the row;</li>
 *   <li>{@code SUBSTRING(s, start[, length])}: SQL's rules (a start below 1 shortens the length; beyond the end
 *       gives ''; a negative length fails the row); {@code SUBSTRING(s, regex)} (what the parser makes of
 *       {@code SUBSTRING(s FROM 'regex')}, told apart by its character second argument): the first match of the
 *       Java regex, its first group when it has one, NULL when none; {@code SUBSTRING(s, pattern, escape)}
 *       ({@code SUBSTRING(s SIMILAR pattern ESCAPE e)}): where the SIMILAR TO pattern first occurs in s, the part
 *       matched between its two escape-double-quote marks (KDA searches, as its examples show, rather than
 *       matching the whole of s);</li>
 *   <li>{@code TRIM(s)} and {@code TRIM(flag, character, s)} with flag {@code 'BOTH'}, {@code 'LEADING'} or
 *       {@code 'TRAILING'} (a literal) and a one-character trim character;</li>
 *   <li>{@code s || t}.</li>
 * </ul>
 * Literal regexes compile once. Stateless and thread-safe.
 */
final class StringFunctions {

    private static final SqlType LONG_VARCHAR = SqlType.varchar(65535);

    private StringFunctions() {
    }

    static void register(Map<String, Resolver> into) {
        into.put("CHAR_LENGTH", StringFunctions::charLength);
        into.put("CHARACTER_LENGTH", StringFunctions::charLength);
        into.put("UPPER", StringFunctions::caseChange);
        into.put("LOWER", StringFunctions::caseChange);
        into.put("INITCAP", StringFunctions::caseChange);
        into.put("OVERLAY", StringFunctions::overlay);
        into.put("POSITION", StringFunctions::position);
        into.put("REGEX_REPLACE", StringFunctions::regexReplace);
        into.put("SUBSTRING", StringFunctions::substring);
        into.put("TRIM", StringFunctions::trim);
        into.put("||", StringFunctions::concat);
    }

    private static SqlType varcharLike(SqlType t) {
        return t == null ? SqlType.varchar(1) : SqlType.varchar(t.precision());
    }

    private static ResolvedScalar charLength(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 1, 1);
        Args.character(name, types, 0);
        return ResolvedScalar.of(name, SqlType.INTEGER, Args.strict(args -> {
            String s = (String) args[0];
            return s.codePointCount(0, s.length());
        }));
    }

    private static ResolvedScalar caseChange(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 1, 1);
        Args.character(name, types, 0);
        ResolvedScalar.Impl impl = switch (name) {
            case "UPPER" -> args -> ((String) args[0]).toUpperCase(Locale.ROOT);
            case "LOWER" -> args -> ((String) args[0]).toLowerCase(Locale.ROOT);
            default -> args -> initcap((String) args[0]);
        };
        SqlType t = types.get(0) == null ? SqlType.varchar(1) : types.get(0);
        return ResolvedScalar.of(name, t, Args.strict(impl));
    }

    static String initcap(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                start = true;
                out.append(c);
            } else {
                out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
                start = false;
            }
        }
        return out.toString();
    }

    private static ResolvedScalar overlay(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 3, 4);
        Args.character(name, types, 0);
        Args.character(name, types, 1);
        Args.exactInteger(name, types, 2);
        if (types.size() == 4) {
            Args.exactInteger(name, types, 3);
        }
        int length = (types.get(0) == null ? 1 : types.get(0).precision())
                + (types.get(1) == null ? 1 : types.get(1).precision());
        return ResolvedScalar.of(name, SqlType.varchar(Math.min(length, 65535)), Args.strict(args -> {
            String s = (String) args[0];
            String r = (String) args[1];
            long start = Values.asLong(args[2]);
            long len = args.length == 4 ? Values.asLong(args[3]) : r.length();
            if (start < 1 || len < 0) {
                throw Values.dataError("OVERLAY needs a start of at least 1 and a length of at least 0");
            }
            int from = (int) Math.min(start - 1, s.length());
            int to = (int) Math.min(start - 1 + len, s.length());
            return s.substring(0, from) + r + s.substring(to);
        }));
    }

    private static ResolvedScalar position(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 3);
        Args.character(name, types, 0);
        Args.character(name, types, 1);
        if (types.size() == 3) {
            Args.exactInteger(name, types, 2);
        }
        return ResolvedScalar.of(name, SqlType.INTEGER, Args.strict(args -> {
            String sub = (String) args[0];
            String s = (String) args[1];
            long from = args.length == 3 ? Math.max(1, Values.asLong(args[2])) : 1;
            if (from > s.length() + 1L) {
                return 0;
            }
            return s.indexOf(sub, (int) from - 1) + 1;
        }));
    }

    private static ResolvedScalar regexReplace(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 5, 5);
        Args.character(name, types, 0);
        Args.character(name, types, 1);
        Args.character(name, types, 2);
        Args.exactInteger(name, types, 3);
        Args.exactInteger(name, types, 4);
        PatternSource regex = PatternSource.of(name, constants, 1, Patterns.javaRegex());
        return ResolvedScalar.of(name, LONG_VARCHAR, Args.strict(args -> {
            String original = (String) args[0];
            String replacement = (String) args[2];
            long start = Values.asLong(args[3]);
            long occurrence = Values.asLong(args[4]);
            if (start < 1) {
                throw Values.dataError("REGEX_REPLACE needs a startPosition of at least 1, not " + start);
            }
            if (occurrence < 0) {
                throw Values.dataError("REGEX_REPLACE needs an occurrence of at least 0, not " + occurrence);
            }
            if (start > original.length()) {
                return original;
            }
            Matcher m = regex.get((String) args[1]).matcher(original);
            // the region keeps the prefix out of the search; appendReplacement still copies it, from position 0
            m.region((int) start - 1, original.length());
            StringBuilder out = new StringBuilder(original.length() + 16);
            int count = 0;
            try {
                while (m.find()) {
                    count++;
                    if (occurrence == 0 || count == occurrence) {
                        m.appendReplacement(out, replacement);
                        if (occurrence != 0) {
                            break;
                        }
                    }
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw Values.dataError("REGEX_REPLACE: bad replacement '" + replacement + "': " + e.getMessage());
            }
            return m.appendTail(out).toString();
        }));
    }

    private static ResolvedScalar substring(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 3);
        Args.character(name, types, 0);
        SqlType result = varcharLike(types.get(0));
        if (Args.is(types, 1, SqlTypeName.CHAR) || Args.is(types, 1, SqlTypeName.VARCHAR)) {
            if (types.size() == 3) {
                Args.character(name, types, 2);
                return similarSubstring(name, result, constants);
            }
            PatternSource regex = PatternSource.of(name, constants, 1, Patterns.javaRegex());
            return ResolvedScalar.of(name, result, Args.strict(args -> {
                Matcher m = regex.get((String) args[1]).matcher((String) args[0]);
                if (!m.find()) {
                    return null;
                }
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }));
        }
        Args.exactInteger(name, types, 1);
        if (types.size() == 3) {
            Args.exactInteger(name, types, 2);
        }
        return ResolvedScalar.of(name, result, Args.strict(args -> {
            String s = (String) args[0];
            long start = Values.asLong(args[1]);
            long end;
            if (args.length == 3) {
                long length = Values.asLong(args[2]);
                if (length < 0) {
                    throw Values.dataError("SUBSTRING needs a length of at least 0, not " + length);
                }
                end = start + length;
            } else {
                end = Long.MAX_VALUE;
            }
            long from = Math.max(start, 1);
            long to = Math.min(end, s.length() + 1L);
            return from >= to ? "" : s.substring((int) from - 1, (int) to - 1);
        }));
    }

    private static ResolvedScalar similarSubstring(String name, SqlType result, List<Object> constants) {
        CompiledPatterns cache = new CompiledPatterns(StringFunctions::compileSimilarSubstring);
        return ResolvedScalar.of(name, result, Args.strict(args -> {
            String escape = (String) args[2];
            if (escape.length() != 1) {
                throw Values.dataError("the escape '" + escape + "' must be exactly one character");
            }
            Matcher m = cache.get(escape + args[1]).matcher((String) args[0]);
            return m.find() ? m.group(1) : null;
        }));
    }

    /** key = escape character + pattern; the pattern's three parts are split at escape + '"'. */
    private static Pattern compileSimilarSubstring(String key) {
        char escape = key.charAt(0);
        String pattern = key.substring(1);
        String mark = escape + "\"";
        int first = pattern.indexOf(mark);
        int second = first < 0 ? -1 : pattern.indexOf(mark, first + 2);
        if (second < 0) {
            throw Values.dataError("SUBSTRING SIMILAR needs two " + mark + " marks in '" + pattern + "'");
        }
        String regex = Patterns.similarToRegex(pattern.substring(0, first), escape)
                + "(" + Patterns.similarToRegex(pattern.substring(first + 2, second), escape) + ")"
                + Patterns.similarToRegex(pattern.substring(second + 2), escape);
        return Pattern.compile(regex, Pattern.DOTALL);
    }

    private static ResolvedScalar trim(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 1, 3);
        if (types.size() == 2) {
            throw new FunctionResolutionException("TRIM takes 1 argument, or 3 (flag, character, string)");
        }
        if (types.size() == 1) {
            Args.character(name, types, 0);
            return ResolvedScalar.of(name, varcharLike(types.get(0)),
                    Args.strict(args -> trim((String) args[0], ' ', true, true)));
        }
        String flag = Args.constantString(name, types, constants, 0, "BOTH, LEADING or TRAILING")
                .toUpperCase(Locale.ROOT);
        if (!flag.equals("BOTH") && !flag.equals("LEADING") && !flag.equals("TRAILING")) {
            throw new FunctionResolutionException("TRIM takes BOTH, LEADING or TRAILING, not " + flag);
        }
        Args.character(name, types, 1);
        Args.character(name, types, 2);
        boolean leading = !flag.equals("TRAILING");
        boolean trailing = !flag.equals("LEADING");
        return ResolvedScalar.of(name, varcharLike(types.get(2)), Args.strict(args -> {
            String chars = (String) args[1];
            if (chars.length() != 1) {
                throw Values.dataError("TRIM needs exactly one trim character, not '" + chars + "'");
            }
            return trim((String) args[2], chars.charAt(0), leading, trailing);
        }));
    }

    private static String trim(String s, char c, boolean leading, boolean trailing) {
        int from = 0;
        int to = s.length();
        while (leading && from < to && s.charAt(from) == c) {
            from++;
        }
        while (trailing && to > from && s.charAt(to - 1) == c) {
            to--;
        }
        return s.substring(from, to);
    }

    private static ResolvedScalar concat(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 2);
        SqlType result = TypeRules.concat(types.get(0), types.get(1));
        return ResolvedScalar.of(name, result, Args.strict(args -> ((String) args[0]).concat((String) args[1])));
    }
}
