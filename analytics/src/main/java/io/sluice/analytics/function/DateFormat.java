package io.sluice.analytics.function;

import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A date-time pattern as KDA documents it (Java {@link SimpleDateFormat} letters, e.g. {@code yyyy-MM-dd hh:mm:ss}),
 * compiled once, in UTC. Parsing is SimpleDateFormat's own, strict (not lenient), as KDA's CHAR_TO_TIMESTAMP
 * examples show: the pattern reads a prefix of the text and the rest is ignored ({@code 'yyyy'} of
 * {@code '2009-09-16 03:15:24'} is 2009-01-01 00:00:00), a field out of its range fails, fields the pattern lacks
 * take their defaults (1970-01-01 00:00:00.000). Formatting runs on java.time when every letter means the same
 * there (G y M L d D E a H k K h m s SSS z Z X and quoted text) and on SimpleDateFormat otherwise.
 *
 * <p><b>Threading</b>: thread-safe; SimpleDateFormat is not, so each thread gets its own.
 */
final class DateFormat {

    private final String pattern;
    private final DateTimeFormatter printer;
    private final ThreadLocal<SimpleDateFormat> legacy;

    private DateFormat(String pattern, DateTimeFormatter printer) {
        this.pattern = pattern;
        this.printer = printer;
        this.legacy = ThreadLocal.withInitial(() -> {
            SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.US);
            // proleptic Gregorian throughout, like java.time and the rest of the runtime (no Julian dates)
            GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.US);
            calendar.setGregorianChange(new Date(Long.MIN_VALUE));
            f.setCalendar(calendar);
            f.setLenient(false);
            return f;
        });
    }

    /** @throws IllegalArgumentException naming the pattern when it is not a valid SimpleDateFormat pattern */
    static DateFormat compile(String pattern) {
        try {
            new SimpleDateFormat(pattern, Locale.US);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid date-time pattern '" + pattern + "': " + e.getMessage());
        }
        String translated = translate(pattern);
        return new DateFormat(pattern, translated == null ? null : DateTimeFormatter.ofPattern(translated, Locale.US));
    }

    String format(long millis) {
        if (printer == null) {
            return legacy.get().format(new Date(millis));
        }
        return printer.format(Datetimes.toLocal(millis));
    }

    /** The instant the start of the text denotes, in epoch milliseconds (UTC unless the text carries a zone). */
    long parse(String text) {
        ParsePosition position = new ParsePosition(0);
        Date d = legacy.get().parse(text, position);
        if (d == null) {
            throw Values.dataError("'" + text + "' does not match the pattern '" + pattern + "'");
        }
        return d.getTime();
    }

    /** The java.time pattern meaning the same when formatting, or null when a letter differs between the two. */
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
                    case 'G', 'M', 'L', 'd', 'D', 'H', 'k', 'K', 'h', 'm', 's', 'z', 'X' ->
                            out.append(String.valueOf(c).repeat(run));
                    case 'y' -> {
                        // SimpleDateFormat pads a 3-letter year to 4 digits at most as java.time's 4 does
                        if (run == 3) {
                            return null;
                        }
                        out.append("y".repeat(run));
                    }
                    case 'a' -> out.append('a');
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
