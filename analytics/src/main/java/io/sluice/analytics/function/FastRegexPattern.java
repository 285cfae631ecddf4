package io.sluice.analytics.function;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FAST_REGEX_LOG_PARSER pattern, compiled as KDA describes it: the pattern splits into its top-level groups and
 * the text between them; the fixed-length start of each part moves to the end of the part before (a part that is
 * all fixed length merges with it); the resulting pieces are matched one after the other, each as short as it can
 * be (a trailing quantifier of a piece takes as much as it can), never going back into an earlier piece; the last
 * piece must reach the end of the input. Each group's text is a column. Syntax: {@code . [..] [^..] ? * + {n}
 * {n,} {n,m} | @ (any string) # (nothing) "literal" \c <Digit> <Alpha> ...} (the POSIX names KDA lists) and
 * {@code <n-m>} (a number; its bounds are not checked). Intersection {@code &} and complement {@code ~} are refused.
 *
 * <p><b>Threading</b>: immutable and thread-safe.
 */
final class FastRegexPattern {

    /** One unit of a part: its Java regex, and whether it always matches the same number of characters. */
    private record Atom(String regex, boolean fixed, boolean quantified, boolean marker) {
        static Atom boundary() {
            return new Atom("()", true, false, true);
        }
    }

    private record Part(List<Atom> atoms, boolean group) {
    }

    private final Pattern[] pieces;
    private final int groups;

    private FastRegexPattern(Pattern[] pieces, int groups) {
        this.pieces = pieces;
        this.groups = groups;
    }

    int groups() {
        return groups;
    }

    /** @throws IllegalArgumentException naming what cannot be compiled */
    static FastRegexPattern compile(String pattern) {
        List<Part> parts = split(pattern);
        List<List<Atom>> pieces = new ArrayList<>();
        List<Atom> current = new ArrayList<>();
        int groups = 0;
        for (Part part : parts) {
            if (part.group) {
                groups++;
                current.add(Atom.boundary());
            }
            int fixed = 0;
            while (fixed < part.atoms.size() && part.atoms.get(fixed).fixed) {
                fixed++;
            }
            current.addAll(part.atoms.subList(0, fixed));
            if (fixed < part.atoms.size()) {
                pieces.add(current);
                current = new ArrayList<>(part.atoms.subList(fixed, part.atoms.size()));
            }
            if (part.group) {
                current.add(Atom.boundary());
            }
        }
        pieces.add(current);
        Pattern[] compiled = new Pattern[pieces.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = Pattern.compile(render(pieces.get(i), i == compiled.length - 1), Pattern.DOTALL);
        }
        return new FastRegexPattern(compiled, groups);
    }

    /** The columns' texts, or null when the input does not match. */
    String[] match(String input) {
        int[] bounds = new int[groups * 2];
        int b = 0;
        int pos = 0;
        for (Pattern piece : pieces) {
            Matcher m = piece.matcher(input);
            m.region(pos, input.length());
            if (!m.lookingAt()) {
                return null;
            }
            for (int g = 1; g <= m.groupCount(); g++) {
                bounds[b++] = m.start(g);
            }
            pos = m.end();
        }
        String[] out = new String[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = input.substring(bounds[2 * g], bounds[2 * g + 1]);
        }
        return out;
    }

    private static String render(List<Atom> atoms, boolean last) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < atoms.size(); i++) {
            Atom a = atoms.get(i);
            out.append(a.regex);
            if (a.quantified && !last && followedByText(atoms, i)) {
                out.append('?');
            }
        }
        if (last) {
            out.append('$');
        }
        return out.toString();
    }

    private static boolean followedByText(List<Atom> atoms, int i) {
        for (int j = i + 1; j < atoms.size(); j++) {
            if (!atoms.get(j).marker) {
                return true;
            }
        }
        return false;
    }

    /** The top-level groups and the text between them, as atoms. */
    private static List<Part> split(String pattern) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        int textStart = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '(') {
                if (i > textStart) {
                    parts.add(new Part(atoms(pattern.substring(textStart, i)), false));
                }
                int end = skip(pattern, i);
                parts.add(new Part(atoms(pattern.substring(i + 1, end - 1)), true));
                i = end;
                textStart = i;
            } else {
                i = skip(pattern, i);
            }
        }
        if (textStart < pattern.length()) {
            parts.add(new Part(atoms(pattern.substring(textStart)), false));
        }
        return parts;
    }

    /** The index after the syntactic unit at {@code i} (an escape, a quoted string, a class, a bracket). */
    private static int skip(String p, int i) {
        char c = p.charAt(i);
        switch (c) {
            case '\\' -> {
                return Math.min(i + 2, p.length());
            }
            case '"' -> {
                int end = p.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed \" in '" + p + "'");
                }
                return end + 1;
            }
            case '[' -> {
                int j = i + 1;
                while (j < p.length() && p.charAt(j) != ']') {
                    j += p.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= p.length()) {
                    throw new IllegalArgumentException("unclosed [ in '" + p + "'");
                }
                return j + 1;
            }
            case '<' -> {
                int end = p.indexOf('>', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed < in '" + p + "'");
                }
                return end + 1;
            }
            case '(' -> {
                int depth = 0;
                int j = i;
                while (j < p.length()) {
                    char d = p.charAt(j);
                    if (d == '(') {
                        depth++;
                        j++;
                    } else if (d == ')') {
                        depth--;
                        j++;
                        if (depth == 0) {
                            return j;
                        }
                    } else {
                        j = skip(p, j);
                    }
                }
                throw new IllegalArgumentException("unclosed ( in '" + p + "'");
            }
            default -> {
                return i + 1;
            }
        }
    }

    private static List<Atom> atoms(String text) {
        List<Atom> atoms = new ArrayList<>();
        int i = 0;
        boolean alternation = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '|') {
                alternation = true;
                i++;
                continue;
            }
            if (c == '&' || c == '~') {
                throw new IllegalArgumentException("'" + c + "' (intersection or complement) is not supported");
            }
            int end = skip(text, i);
            String unit = text.substring(i, end);
            String regex;
            boolean fixed = true;
            switch (c) {
                case '\\' -> regex = Pattern.quote(unit.substring(1));
                case '"' -> regex = Pattern.quote(unit.substring(1, unit.length() - 1));
                case '[', '.' -> regex = unit;
                case '<' -> {
                    regex = named(unit.substring(1, unit.length() - 1));
                    fixed = !regex.endsWith("+");
                }
                case '@' -> {
                    regex = "(?:.*)";
                    fixed = false;
                }
                case '#' -> regex = "(?!)";
                case '(' -> {
                    regex = "(?:" + renderInner(unit.substring(1, unit.length() - 1)) + ")";
                    fixed = false;
                }
                default -> regex = Pattern.quote(unit);
            }
            i = end;
            // a quantifier after the unit
            if (i < text.length() && "?*+{".indexOf(text.charAt(i)) >= 0) {
                char q = text.charAt(i);
                if (q == '{') {
                    int close = text.indexOf('}', i);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed { in '" + text + "'");
                    }
                    String bounds = text.substring(i, close + 1);
                    boolean exact = !bounds.contains(",");
                    atoms.add(new Atom(regex + bounds, fixed && exact, !exact, false));
                    i = close + 1;
                } else if (q == '+') {
                    // x+ is x followed by x*: its fixed first x can move into the piece before
                    atoms.add(new Atom(regex, fixed, false, false));
                    atoms.add(new Atom(regex + "*", false, true, false));
                    i++;
                } else {
                    atoms.add(new Atom(regex + q, false, true, false));
                    i++;
                }
            } else {
                atoms.add(new Atom(regex, fixed, false, false));
            }
        }
        if (alternation) {
            return List.of(new Atom("(?:" + renderInner(text) + ")", false, false, false));
        }
        return atoms;
    }

    /** An inner expression as one Java regex (alternatives kept, no piece splitting). */
    private static String renderInner(String text) {
        StringBuilder out = new StringBuilder();
        int start = 0;
        List<String> alternatives = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '|') {
                alternatives.add(text.substring(start, i));
                start = i + 1;
                i++;
            } else {
                i = skip(text, i);
            }
        }
        alternatives.add(text.substring(start));
        for (String alternative : alternatives) {
            if (!out.isEmpty()) {
                out.append('|');
            }
            for (Atom a : atoms(alternative)) {
                out.append(a.regex);
            }
        }
        return out.toString();
    }

    private static String named(String name) {
        if (name.matches("\\d+-\\d+")) {
            return "\\d+";
        }
        return switch (name) {
            case "Digit" -> "[0-9]";
            case "Upper" -> "[A-Z]";
            case "Lower" -> "[a-z]";
            case "ASCII" -> "[\\x00-\\x7F]";
            case "Alpha" -> "[A-Za-z]";
            case "Alnum" -> "[A-Za-z0-9]";
            case "Punct", "Print", "Graph" -> name.equals("Punct") ? "\\p{Punct}" : "[A-Za-z0-9\\p{Punct}]";
            case "Blank" -> "[ \\t]";
            case "Space" -> "[ \\t\\n\\f\\r\\x0B]";
            case "Cntrl" -> "[\\x00-\\x1F\\x7F]";
            case "XDigit" -> "[0-9a-fA-F]";
            default -> throw new IllegalArgumentException("unknown named pattern <" + name + ">");
        };
    }
}
