package io.sluice.analytics.function;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * The standard text of datetime values (what CAST reads and writes) and the arithmetic on their representations:
 * TIMESTAMP is epoch milliseconds UTC, DATE days since the epoch, TIME milliseconds of the day. Stateless.
 */
final class Datetimes {

    static final long MILLIS_PER_DAY = 86_400_000L;

    /** {@code yyyy-MM-dd[( |T)HH:mm[:ss[.fraction]]]}; the fraction may have 0 to 9 digits (KDA's '…44.0'). */
    private static final DateTimeFormatter TIMESTAMP_IN = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-M-d")
            .optionalStart().appendLiteral(' ').appendPattern("H:m")
            .optionalStart().appendPattern(":s")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd().optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter TIME_IN = new DateTimeFormatterBuilder()
            .appendPattern("H:m")
            .optionalStart().appendPattern(":s")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    private Datetimes() {
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS}, the text KDA gives a TIMESTAMP. */
    static String formatTimestamp(long millis) {
        long day = Math.floorDiv(millis, MILLIS_PER_DAY);
        StringBuilder out = new StringBuilder(23);
        appendDate(out, day);
        out.append(' ');
        appendTime(out, (int) Math.floorMod(millis, MILLIS_PER_DAY), true);
        return out.toString();
    }

    static String formatDate(int days) {
        StringBuilder out = new StringBuilder(10);
        appendDate(out, days);
        return out.toString();
    }

    /** {@code HH:mm:ss}, as SQL shows a TIME(0). */
    static String formatTime(int millisOfDay) {
        StringBuilder out = new StringBuilder(8);
        appendTime(out, millisOfDay, false);
        return out.toString();
    }

    private static void appendDate(StringBuilder out, long day) {
        LocalDate date = LocalDate.ofEpochDay(day);
        int year = date.getYear();
        if (year < 0) {
            out.append('-');
            year = -year;
        }
        pad(out, year, 4);
        out.append('-');
        pad(out, date.getMonthValue(), 2);
        out.append('-');
        pad(out, date.getDayOfMonth(), 2);
    }

    private static void appendTime(StringBuilder out, int millisOfDay, boolean withMillis) {
        int seconds = millisOfDay / 1000;
        pad(out, seconds / 3600, 2);
        out.append(':');
        pad(out, seconds / 60 % 60, 2);
        out.append(':');
        pad(out, seconds % 60, 2);
        if (withMillis) {
            out.append('.');
            pad(out, millisOfDay % 1000, 3);
        }
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    /** Reads {@code yyyy-MM-dd[ HH:mm[:ss[.f]]]} ('T' may separate date and time); fractions below a ms are cut. */
    static long parseTimestamp(String text) {
        String s = text.trim();
        if (s.length() > 10 && s.charAt(10) == 'T') {
            s = s.substring(0, 10) + ' ' + s.substring(11);
        }
        try {
            LocalDateTime t = LocalDateTime.parse(s, TIMESTAMP_IN);
            return t.toEpochSecond(ZoneOffset.UTC) * 1000 + t.getNano() / 1_000_000;
        } catch (DateTimeException e) {
            throw Values.dataError("cannot convert '" + text + "' to TIMESTAMP");
        }
    }

    static int parseDate(String text) {
        String s = text.trim();
        try {
            if (s.length() > 10) {
                return (int) Math.floorDiv(parseTimestamp(s), MILLIS_PER_DAY);
            }
            return (int) LocalDate.parse(s, TIMESTAMP_IN).toEpochDay();
        } catch (DateTimeException | io.sluice.analytics.runtime.EvaluationException e) {
            throw Values.dataError("cannot convert '" + text + "' to DATE");
        }
    }

    static int parseTime(String text) {
        try {
            java.time.LocalTime t = java.time.LocalTime.parse(text.trim(), TIME_IN);
            return (int) (t.toNanoOfDay() / 1_000_000);
        } catch (DateTimeException e) {
            throw Values.dataError("cannot convert '" + text + "' to TIME");
        }
    }

    static LocalDateTime toLocal(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }

    static long toMillis(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1000 + t.getNano() / 1_000_000;
    }

    /** A TIMESTAMP plus whole months, the day clamped to the month's length as SQL does. */
    static long plusMonths(long millis, long months) {
        return toMillis(toLocal(millis).plusMonths(months));
    }
}
