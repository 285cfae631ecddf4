package io.sluice.analytics.function;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A date-time pattern as KDA documents it (Java {@link SimpleDateFormat} letters, e.g. {@code yyyy-MM-dd hh:mm:ss}),
 * compiled once, formatting and parsing in UTC. Patterns whose letters mean the same in {@link DateTimeFormatter}
 * (G y M L d D E a H k K h m s SSS z Z X and quoted text) run on java.time; the others (S other than SSS, u, F, w,
 * W, Y) fall back to a {@link SimpleDateFormat} made per call. Parsing gives fields the pattern lacks their
 * defaults (1970-01-01 00:00:00.000); numbers may have fewer digits than their letters, as with SimpleDateFormat.
 *
 * <p><b>Threading</b>: immutable and thread-safe.
 */
final class DateFormat {

    private final String pattern;
    private final DateTimeFormatter printer;
    private final DateTimeFormatter parser;

    private DateFormat(String pattern, DateTimeFormatter printer, DateTimeFormatter parser) {
        this.pattern = pattern;
        this.printer = printer;
        this.parser = parser;
    }

    /** @throws IllegalArgumentException naming the pattern when it is not a valid SimpleDateFormat pattern */
    static DateFormat compile(String pattern) {
        try {
            new SimpleDateFormat(pattern, Locale.US);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid date-time pattern '" + pattern + "': " + e.getMessage());
        }
        String translated = translate(pattern);
        if (translated == null) {
            return new DateFormat(pattern, null, null);
        }
        DateTimeFormatter printer = DateTimeFormatter.ofPattern(translated, Locale.US);
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive().parseLenient()
                .appendPattern(translated);
        if (!has(pattern, "yG")) {
            b.parseDefaulting(ChronoField.YEAR_OF_ERA, 1970);
        }
        if (!has(pattern, "D")) {
            if (!has(pattern, "ML")) {
                b.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1);
            }
            if (!has(pattern, "d")) {
                b.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
            }
        }
        if (has(pattern, "hK") && !has(pattern, "a")) {
            b.parseDefaulting(ChronoField.AMPM_OF_DAY, 0);
        } else if (!has(pattern, "HkhK")) {
            b.parseDefaulting(ChronoField.HOUR_OF_DAY, 0);
        }
        if (!has(pattern, "m")) {
            b.parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0);
        }
        if (!has(pattern, "s")) {
            b.parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0);
        }
        DateTimeFormatter parser = b.toFormatter(Locale.US).withResolverStyle(ResolverStyle.SMART);
        return new DateFormat(pattern, printer, parser);
    }

    String format(long millis) {
        if (printer == null) {
            SimpleDateFormat f = legacy();
            return f.format(new Date(millis));
        }
        return printer.format(Datetimes.toLocal(millis));
    }

    /** The instant the text denotes, in epoch milliseconds (UTC unless the text carries a zone). */
    long parse(String text) {
        if (parser == null) {
            try {
                return legacy().parse(text).getTime();
            } catch (ParseException e) {
                throw Values.dataError("'" + text + "' does not match the pattern '" + pattern + "'");
            }
        }
        try {
            TemporalAccessor t = parser.parse(text.trim());
            if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
                return t.getLong(ChronoField.INSTANT_SECONDS) * 1000 + t.get(ChronoField.MILLI_OF_SECOND);
            }
            return Datetimes.toMillis(LocalDateTime.from(t));
        } catch (DateTimeException e) {
            throw Values.dataError("'" + text + "' does not match the pattern '" + pattern + "'");
        }
    }

    private SimpleDateFormat legacy() {
        SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.US);
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return f;
    }

    private static boolean has(String pattern, String letters) {
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && letters.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The java.time pattern meaning the same, or null when a letter differs between the two. */
    private static String translate(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                if (end < 0) {
                    return null;
                }
                out.append(pattern, i, end + 1);
                i = end + 1;
                continue;
            }
            int run = 1;
            while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
                run++;
            }
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                switch (c) {
                    case 'G', 'y', 'M', 'L', 'd', 'D', 'a', 'H', 'k', 'K', 'h', 'm', 's', 'z', 'X' ->
                            out.append(String.valueOf(c).repeat(c == 'a' ? 1 : run));
                    case 'E' -> out.append(run >= 4 ? "EEEE" : "EEE");
                    case 'Z' -> out.append("xx");
                    case 'S' -> {
                        if (run != 3) {
                            return null;
                        }
                        out.append("SSS");
                    }
                    default -> {
                        return null;
                    }
                }
            } else if ("[]{}#".indexOf(c) >= 0) {
                out.append('\'').append(String.valueOf(c).repeat(run)).append('\'');
            } else {
                out.append(String.valueOf(c).repeat(run));
            }
            i += run;
        }
        return out.toString();
    }
}
