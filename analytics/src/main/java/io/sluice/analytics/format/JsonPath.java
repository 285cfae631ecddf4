package io.sluice.analytics.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSONPath in the subset KDA documents ({@code about-json-path}): the root {@code $}, member names
 * ({@code $.a.b}, or bracketed {@code $['x y']} for names a dot cannot carry), array indexes ({@code $.a[0]}), and
 * {@code [0:]}, "every element". A path that ends in {@code [0:]} selects the whole array (one value, its JSON
 * text); a path that continues after {@code [0:]} flattens the array, one row per element. Wildcards ({@code *}),
 * other slices, filters and recursive descent are refused by name, as KDA does not document them. Immutable.
 */
public record JsonPath(String text, List<Segment> segments) {

    /** One step of a path. */
    public sealed interface Segment permits Member, Index, AllElements {
    }

    /** A member of an object, by exact (case-sensitive) name. */
    public record Member(String name) implements Segment {
    }

    /** An element of an array, by position from 0. */
    public record Index(int position) implements Segment {
    }

    /** {@code [0:]}: every element of an array. */
    public enum AllElements implements Segment { INSTANCE }

    public JsonPath {
        segments = List.copyOf(segments);
    }

    /**
     * Compiles a path.
     *
     * @throws IllegalArgumentException naming the path and what in it KDA does not support
     */
    public static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("JSONPath '" + text + "' must start with $");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (name.isEmpty() || name.equals("*")) {
                    throw unsupported(text, name.isEmpty() ? "an empty member name or '..'" : "the wildcard .*");
                }
                segments.add(new Member(name));
                i = end;
            } else if (c == '[') {
                i = bracket(text, i, segments);
            } else {
                throw unsupported(text, "'" + c + "' at position " + i);
            }
        }
        long flattening = segments.stream().filter(s -> s == AllElements.INSTANCE).count();
        if (flattening > 1) {
            throw new IllegalArgumentException("JSONPath '" + text
                    + "' dereferences more than one array with [0:]; KDA supports one level");
        }
        return new JsonPath(text, segments);
    }

    private static int bracket(String text, int open, List<Segment> segments) {
        int i = open + 1;
        if (i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"')) {
            char quote = text.charAt(i);
            StringBuilder name = new StringBuilder();
            i++;
            while (i < text.length() && text.charAt(i) != quote) {
                if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                    i++;
                }
                name.append(text.charAt(i++));
            }
            if (i + 1 >= text.length() || text.charAt(i + 1) != ']') {
                throw unsupported(text, "an unterminated bracketed name");
            }
            segments.add(new Member(name.toString()));
            return i + 2;
        }
        int close = text.indexOf(']', i);
        if (close < 0) {
            throw unsupported(text, "an unterminated [");
        }
        String inside = text.substring(i, close).trim();
        if (inside.equals("0:")) {
            segments.add(AllElements.INSTANCE);
        } else if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit) && inside.length() < 10) {
            segments.add(new Index(Integer.parseInt(inside)));
        } else {
            throw unsupported(text, "[" + inside + "] (KDA supports [0:] and element indexes)");
        }
        return close + 1;
    }

    private static IllegalArgumentException unsupported(String text, String what) {
        return new IllegalArgumentException("JSONPath '" + text + "' is not supported: " + what);
    }

    /** Position of {@code [0:]} when more segments follow it (the path flattens an array), else -1. */
    public int flatteningAt() {
        int at = segments.indexOf(AllElements.INSTANCE);
        return at >= 0 && at < segments.size() - 1 ? at : -1;
    }

    /** Whether the path contains {@code [0:]} anywhere. */
    public boolean selectsAllElements() {
        return segments.contains(AllElements.INSTANCE);
    }

    /** The path a discovered member is read with: {@code $.name}, or {@code $['name']} when a dot cannot carry it. */
    static String member(String parent, String name) {
        boolean plain = !name.isEmpty();
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = c != '.' && c != '[' && c != ']' && c != '\'' && c != '"' && c != '\\' && c != '*'
                    && !Character.isWhitespace(c);
        }
        if (plain) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
}
