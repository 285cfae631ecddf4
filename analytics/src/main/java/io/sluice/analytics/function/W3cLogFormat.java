package io.sluice.analytics.function;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A W3C_LOG_PARSE format (a predefined name or an Apache {@code mod_log_config} format string) compiled to one
 * regular expression with a group per specifier. A specifier inside double quotes takes everything up to the
 * closing quote (backslash escapes allowed); {@code %t} takes the bracketed time with its brackets, as KDA's
 * example shows; any other specifier takes one run of non-space characters. Condition and redirect modifiers
 * ({@code %>s}, {@code %!200,304{Referer}i}) are accepted and do not change what is read; header names may be
 * written {@code %{Name}i} or {@code %[Name]i}. IIS is read as comma-separated fields.
 *
 * <p><b>Threading</b>: immutable and thread-safe.
 */
final class W3cLogFormat {

    private static final Map<String, String> PREDEFINED = Map.of(
            "COMMON", "%h %l %u %t \"%r\" %>s %b",
            "COMMON WITH VHOST", "%v %h %l %u %t \"%r\" %>s %b",
            "NCSA EXTENDED", "%h %l %u %t \"%r\" %>s %b \"%[Referer]i\" \"%[User-agent]i\"",
            "REFERER", "%[Referer]i ---> %U",
            "AGENT", "%[User-agent]i");

    /** IIS's log: 15 fields separated by a comma and optional spaces, a trailing comma allowed. */
    private static final String IIS = "\\s*" + "([^,]*),\\s*".repeat(14) + "([^,]*?),?\\s*";

    private final Pattern pattern;
    private final int columns;

    private W3cLogFormat(Pattern pattern) {
        this.pattern = pattern;
        this.columns = pattern.matcher("").groupCount();
    }

    int columns() {
        return columns;
    }

    /** @throws IllegalArgumentException when the format has no specifier or a malformed one */
    static W3cLogFormat compile(String format) {
        String name = format.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (name.equals("IIS")) {
            return new W3cLogFormat(Pattern.compile(IIS));
        }
        String spec = PREDEFINED.getOrDefault(name, format);
        StringBuilder regex = new StringBuilder();
        int groups = 0;
        int i = 0;
        while (i < spec.length()) {
            char c = spec.charAt(i);
            if (c != '%') {
                regex.append(c == ' ' ? " +" : Pattern.quote(String.valueOf(c)));
                i++;
                continue;
            }
            int j = i + 1;
            if (j < spec.length() && spec.charAt(j) == '%') {
                regex.append('%');
                i = j + 1;
                continue;
            }
            while (j < spec.length() && "<>!,0123456789".indexOf(spec.charAt(j)) >= 0) {
                j++;
            }
            if (j < spec.length() && (spec.charAt(j) == '{' || spec.charAt(j) == '[')) {
                char close = spec.charAt(j) == '{' ? '}' : ']';
                int end = spec.indexOf(close, j);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed " + spec.charAt(j) + " in '" + format + "'");
                }
                j = end + 1;
            }
            if (j >= spec.length() || !Character.isLetter(spec.charAt(j))) {
                throw new IllegalArgumentException("'" + spec.substring(i) + "' is not a format specifier");
            }
            char letter = spec.charAt(j);
            boolean quoted = i > 0 && spec.charAt(i - 1) == '"';
            if (quoted) {
                regex.append("((?:[^\"\\\\]|\\\\.)*)");
            } else if (letter == 't' && spec.charAt(j - 1) != '}' && spec.charAt(j - 1) != ']') {
                regex.append("(\\[[^\\]]*\\])");
            } else {
                regex.append("(\\S*)");
            }
            groups++;
            i = j + 1;
        }
        if (groups == 0) {
            throw new IllegalArgumentException("'" + format + "' has no format specifier");
        }
        return new W3cLogFormat(Pattern.compile(regex.toString()));
    }

    /** The fields of one line, or null when the line does not have the format. */
    String[] parse(String line) {
        Matcher m = pattern.matcher(line.strip());
        if (!m.matches()) {
            return null;
        }
        String[] out = new String[columns];
        for (int g = 0; g < columns; g++) {
            out[g] = m.group(g + 1);
        }
        return out;
    }
}
