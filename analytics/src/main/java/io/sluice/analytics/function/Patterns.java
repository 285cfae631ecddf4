package io.sluice.analytics.function;

import io.sluice.analytics.runtime.EvaluationException;
import io.sluice.analytics.type.SqlType;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code [NOT] LIKE} and {@code [NOT] SIMILAR TO}, arguments (value, pattern[, escape]), translated to
 * {@link java.util.regex} and matched against the whole value. LIKE: {@code %} any text, {@code _} any one
 * character, everything else literal. SIMILAR TO adds SQL's regular expressions: {@code | * + ? {m,n} ( )} and
 * bracket expressions {@code [a-z]}, {@code [^...]}, {@code [:ALPHA:]}-style classes, while {@code . $ ^ \} stay
 * literal. The escape (one character) makes the next pattern character literal; anything else after it, or an
 * escape of another length, fails the row (or the resolution, for literals). NULL in any argument gives NULL.
 * Literal patterns compile once. Stateless and thread-safe (see {@link CompiledPatterns} for the per-row cache).
 */
final class Patterns {

    private Patterns() {
    }

    static void register(Map<String, Resolver> into) {
        for (String name : List.of("LIKE", "NOT LIKE", "SIMILAR TO", "NOT SIMILAR TO")) {
            into.put(name, Patterns::resolve);
        }
    }

    private static ResolvedScalar resolve(String name, List<SqlType> types, List<Object> constants)
            throws FunctionResolutionException {
        Args.arity(name, types, 2, 3);
        for (int i = 0; i < types.size(); i++) {
            Args.character(name, types, i);
        }
        boolean similar = name.endsWith("SIMILAR TO");
        boolean not = name.startsWith("NOT");
        boolean hasEscape = types.size() == 3;
        Object pattern = Args.constant(constants, 1);
        Object escape = hasEscape ? Args.constant(constants, 2) : null;
        ResolvedScalar.Impl impl;
        if (pattern instanceof String p && (!hasEscape || escape instanceof String)) {
            Pattern compiled;
            try {
                compiled = compile(p, (String) escape, similar);
            } catch (EvaluationException e) {
                throw new FunctionResolutionException(name + ": " + e.getMessage());
            }
            impl = likeShortcut(p, escape, similar, not);
            if (impl == null) {
                impl = args -> not != compiled.matcher((String) args[0]).matches();
            }
        } else {
            impl = perRow(similar, not, hasEscape);
        }
        return ResolvedScalar.of(name, SqlType.BOOLEAN, Args.strict(impl));
    }

    /**
     * A LIKE literal of plain text with {@code %} only at its ends is a string comparison, not a regex: the common
     * {@code 'AB%'} costs a startsWith.
     */
    private static ResolvedScalar.Impl likeShortcut(String p, Object escape, boolean similar, boolean not) {
        if (similar || escape != null || p.indexOf('_') >= 0) {
            return null;
        }
        boolean leading = p.startsWith("%");
        boolean trailing = p.length() > (leading ? 1 : 0) && p.endsWith("%");
        String core = p.substring(leading ? 1 : 0, p.length() - (trailing ? 1 : 0));
        if (core.indexOf('%') >= 0) {
            return null;
        }
        if (leading && trailing) {
            return args -> not != ((String) args[0]).contains(core);
        }
        if (leading) {
            return args -> not != ((String) args[0]).endsWith(core);
        }
        if (trailing) {
            return args -> not != ((String) args[0]).startsWith(core);
        }
        return args -> not != ((String) args[0]).equals(core);
    }

    private static ResolvedScalar.Impl perRow(boolean similar, boolean not, boolean hasEscape) {
        if (!hasEscape) {
            CompiledPatterns cache = new CompiledPatterns(p -> compile(p, null, similar));
            return args -> not != cache.get((String) args[1]).matcher((String) args[0]).matches();
        }
        // the escape is part of the key: "pattern" + escape, the escape being exactly one character
        CompiledPatterns cache = new CompiledPatterns(
                key -> compile(key.substring(0, key.length() - 1), key.substring(key.length() - 1), similar));
        return args -> {
            String escape = (String) args[2];
            checkEscape(escape);
            return not != cache.get(args[1] + escape).matcher((String) args[0]).matches();
        };
    }

    /** Compiles a LIKE or SIMILAR TO pattern; a malformed one throws {@link EvaluationException}. */
    static Pattern compile(String pattern, String escape, boolean similar) {
        Character esc = null;
        if (escape != null) {
            checkEscape(escape);
            esc = escape.charAt(0);
        }
        String regex = similar ? similarToRegex(pattern, esc) : likeToRegex(pattern, esc);
        try {
            return Pattern.compile(regex, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw Values.dataError("invalid pattern '" + pattern + "': " + e.getDescription());
        }
    }

    private static void checkEscape(String escape) {
        if (escape.length() != 1) {
            throw Values.dataError("the escape '" + escape + "' must be exactly one character");
        }
    }

    static String likeToRegex(String pattern, Character escape) {
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape) {
                if (i + 1 == pattern.length()) {
                    throw Values.dataError("invalid escape at the end of pattern '" + pattern + "'");
                }
                char next = pattern.charAt(++i);
                if (next != '%' && next != '_' && next != escape) {
                    throw Values.dataError("invalid escape sequence in pattern '" + pattern + "'");
                }
                literal(out, next);
            } else if (c == '%') {
                out.append(".*");
            } else if (c == '_') {
                out.append('.');
            } else {
                literal(out, c);
            }
        }
        return out.toString();
    }

    static String similarToRegex(String pattern, Character escape) {
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape) {
                if (i + 1 == pattern.length()) {
                    throw Values.dataError("invalid escape at the end of pattern '" + pattern + "'");
                }
                literal(out, pattern.charAt(i + 1));
                i += 2;
                continue;
            }
            switch (c) {
                case '%' -> out.append(".*");
                case '_' -> out.append('.');
                case '|', '*', '+', '?', '{', '}', '(', ')' -> out.append(c);
                case '[' -> {
                    i = bracket(pattern, i, escape, out);
                    continue;
                }
                default -> literal(out, c);
            }
            i++;
        }
        return out.toString();
    }

    /** Copies a bracket expression starting at {@code start}; returns the index after its ']'. */
    private static int bracket(String pattern, int start, Character escape, StringBuilder out) {
        out.append('[');
        int i = start + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == ']' && i > start + 1) {
                out.append(']');
                return i + 1;
            }
            if (c == '[' && pattern.startsWith("[:", i)) {
                int end = pattern.indexOf(":]", i + 2);
                if (end < 0) {
                    throw Values.dataError("unclosed character class in pattern '" + pattern + "'");
                }
                out.append(characterClass(pattern.substring(i + 2, end), pattern));
                i = end + 2;
                continue;
            }
            if (escape != null && c == escape && i + 1 < pattern.length()) {
                literal(out, pattern.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '-') {
                out.append('-');
            } else {
                literal(out, c);
            }
            i++;
        }
        throw Values.dataError("unclosed bracket expression in pattern '" + pattern + "'");
    }

    private static String characterClass(String name, String pattern) {
        return switch (name) {
            case "ALPHA" -> "\\p{Alpha}";
            case "UPPER" -> "\\p{Upper}";
            case "LOWER" -> "\\p{Lower}";
            case "DIGIT" -> "\\d";
            case "ALNUM" -> "\\p{Alnum}";
            case "SPACE" -> " ";
            case "WHITESPACE" -> "\\s";
            default -> throw Values.dataError("unknown character class [:" + name + ":] in pattern '" + pattern + "'");
        };
    }

    private static void literal(StringBuilder out, char c) {
        if (Character.isLetterOrDigit(c) || c == ' ') {
            out.append(c);
        } else {
            out.append('\\').append(c);
        }
    }

    /** The compiler the regex functions share, failing rows with the pattern named. */
    static Function<String, Pattern> javaRegex() {
        return p -> {
            try {
                return Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw Values.dataError("invalid regular expression '" + p + "': " + e.getDescription());
            }
        };
    }
}
