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
 * TIMESTAMP is epoch milliseconds UTC, DATE days since the epoch, TIME milliseconds of the day. Stateless and thread-safe.
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
        int ms = (int) Math.floorMod(millis, MILLIS_PER_DAY);
        if (!fourDigitYear(day)) {
            return formatDate(day) + ' ' + formatTime(ms) + '.' + pad3(ms % 1000);
        }
        char[] out = new char[23];
        writeDate(out, day);
        out[10] = ' ';
        writeTime(out, 11, ms);
        out[19] = '.';
        int f = ms % 1000;
        out[20] = (char) ('0' + f / 100);
        out[21] = (char) ('0' + f / 10 % 10);
        out[22] = (char) ('0' + f % 10);
        return new String(out);
    }

    static String formatDate(long days) {
        if (!fourDigitYear(days)) {
            LocalDate d = LocalDate.ofEpochDay(days);
            return String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(),
                    d.getDayOfMonth());
        }
        char[] out = new char[10];
        writeDate(out, days);
        return new String(out);
    }

    /** {@code HH:mm:ss}, as SQL shows a TIME(0). */
    static String formatTime(int millisOfDay) {
        char[] out = new char[8];
        writeTime(out, 0, millisOfDay);
        return new String(out);
    }

    private static String pad3(int v) {
        return v < 10 ? "00" + v : v < 100 ? "0" + v : Integer.toString(v);
    }

    /** Years 0000 to 9999, the ones written with exactly four digits. */
    private static boolean fourDigitYear(long days) {
        return days >= -719_528 && days <= 2_932_896;
    }

    /** Writes yyyy-MM-dd at out[0..9] (Hinnant's civil-from-days). */
    private static void writeDate(char[] out, long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        out[0] = (char) ('0' + year / 1000);
        out[1] = (char) ('0' + year / 100 % 10);
        out[2] = (char) ('0' + year / 10 % 10);
        out[3] = (char) ('0' + year % 10);
        out[4] = '-';
        out[5] = (char) ('0' + month / 10);
        out[6] = (char) ('0' + month % 10);
        out[7] = '-';
        out[8] = (char) ('0' + day / 10);
        out[9] = (char) ('0' + day % 10);
    }

    private static void writeTime(char[] out, int at, int millisOfDay) {
        int seconds = millisOfDay / 1000;
        int h = seconds / 3600;
        int m = seconds / 60 % 60;
        int s = seconds % 60;
        out[at] = (char) ('0' + h / 10);
        out[at + 1] = (char) ('0' + h % 10);
        out[at + 2] = ':';
        out[at + 3] = (char) ('0' + m / 10);
        out[at + 4] = (char) ('0' + m % 10);
        out[at + 5] = ':';
        out[at + 6] = (char) ('0' + s / 10);
        out[at + 7] = (char) ('0' + s % 10);
    }

    /** Reads {@code yyyy-MM-dd[ HH:mm[:ss[.f]]]} ('T' may separate date and time); fractions below a ms are cut. */
    static long parseTimestamp(String text) {
        long fast = FastTimestamp.parse(text);
        if (fast != FastTimestamp.NONE) {
            return fast;
        }
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
