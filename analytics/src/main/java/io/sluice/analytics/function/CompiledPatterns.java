package io.sluice.analytics.function;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The compiled form of a pattern argument: compiled once when the argument is a literal, otherwise kept for the last
 * text seen, so a column of repeating patterns compiles each only when it changes.
 *
 * <p><b>Threading</b>: safe to share; the last compiled pattern sits in an immutable holder, so racing callers at
 * worst compile the same text twice.
 */
final class CompiledPatterns {

    private record Entry(String text, Pattern pattern) {
    }

    private final Function<String, Pattern> compiler;
    private Entry last;

    CompiledPatterns(Function<String, Pattern> compiler) {
        this.compiler = compiler;
    }

    Pattern get(String text) {
        Entry e = last;
        if (e == null || !e.text.equals(text)) {
            e = new Entry(text, compiler.apply(text));
            last = e;
        }
        return e.pattern;
    }
}
