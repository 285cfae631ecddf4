package io.sluice.firehose.delivery.redshift;

import java.util.List;
import java.util.Locale;

/**
 * The words and single-quoted strings of a CopyOptions text ({@code ''} inside a string is one quote; a trailing
 * {@code ;} is allowed, as AWS's examples end with one). Not thread-safe: one parse.
 */
final class CopyOptionsTokens {

    private final String text;
    private int at;

    CopyOptionsTokens(String text) {
        this.text = text;
        skipBlanks();
    }

    boolean hasNext() {
        return at < text.length();
    }

    /** The next bare word. */
    String word() {
        if (!hasNext() || text.charAt(at) == '\'') {
            throw new IllegalArgumentException("CopyOptions: expected an option name at position " + (at + 1)
                    + " of '" + text + "'.");
        }
        int start = at;
        while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && text.charAt(at) != '\'') {
            at++;
        }
        String word = text.substring(start, at);
        skipBlanks();
        return word;
    }

    /** The next quoted string, the argument of {@code option}. */
    String string(String option) {
        if (!hasNext() || text.charAt(at) != '\'') {
            throw new IllegalArgumentException("CopyOptions " + option + " needs a quoted value.");
        }
        StringBuilder value = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) {
                throw new IllegalArgumentException("CopyOptions: unterminated string after " + option + ".");
            }
            char c = text.charAt(at++);
            if (c == '\'') {
                if (at < text.length() && text.charAt(at) == '\'') {
                    value.append('\'');
                    at++;
                    continue;
                }
                break;
            }
            value.append(c);
        }
        skipBlanks();
        return value.toString();
    }

    /** Skips the next word if it is {@code word} (any case). */
    void optional(String word) {
        peekWordIn(List.of(word));
    }

    /** Takes the next word if it is one of {@code words} (any case) and returns it upper-cased; else null. */
    String peekWordIn(List<String> words) {
        if (!hasNext() || text.charAt(at) == '\'') {
            return null;
        }
        int saved = at;
        String next = word().toUpperCase(Locale.ROOT);
        if (words.contains(next)) {
            return next;
        }
        at = saved;
        return null;
    }

    private void skipBlanks() {
        while (at < text.length() && (Character.isWhitespace(text.charAt(at)) || text.charAt(at) == ';')) {
            at++;
        }
    }
}
