package io.sluice.analytics.format;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes datetime values as KDA's records carry them: dates {@code 1992-02-14}, times {@code 18:35:44},
 * timestamps {@code 1992-02-14 18:35:44.0} (the forms {@code sch-mapping} lists as valid), all UTC, in the Java
 * representation of {@link io.sluice.analytics.type.SqlTypeName}. Fractions finer than a millisecond are cut.
 * Stateless and thread-safe.
 */
final class DateTimeText {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?)?");

    private DateTimeText() {
    }

    /** Days since 1970-01-01, or null when the text is not a date. */
    static Integer parseDate(String text) {
        Matcher m = DATE.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        Long day = epochDay(m.group(1), m.group(2), m.group(3));
        return day == null ? null : Math.toIntExact(day);
    }

    /** Milliseconds since midnight, or null when the text is not a time of day. */
    static Integer parseTime(String text) {
        Matcher m = TIME.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        Long millis = millisOfDay(m.group(1), m.group(2), m.group(3), m.group(4));
        return millis == null ? null : Math.toIntExact(millis);
    }

    /** Milliseconds since the epoch (UTC), or null when the text is neither a date nor a date and time. */
    static Long parseTimestamp(String text) {
        Matcher m = TIMESTAMP.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        Long day = epochDay(m.group(1), m.group(2), m.group(3));
        if (day == null) {
            return null;
        }
        if (m.group(4) == null) {
            return day * MILLIS_PER_DAY;
        }
        Long millis = millisOfDay(m.group(4), m.group(5), m.group(6), m.group(7));
        return millis == null ? null : day * MILLIS_PER_DAY + millis;
    }

    /** Whether the text is a date with a time of day (what discovery types as TIMESTAMP). */
    static boolean isDateAndTime(String text) {
        Matcher m = TIMESTAMP.matcher(text.trim());
        return m.matches() && m.group(4) != null && parseTimestamp(text) != null;
    }

    private static Long epochDay(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Long millisOfDay(String hour, String minute, String second, String fraction) {
        int h = Integer.parseInt(hour);
        int m = Integer.parseInt(minute);
        int s = Integer.parseInt(second);
        if (h > 23 || m > 59 || s > 59) {
            return null;
        }
        int millis = 0;
        if (fraction != null) {
            String three = (fraction + "00").substring(0, 3);
            millis = Integer.parseInt(three);
        }
        return ((h * 60L + m) * 60L + s) * 1000L + millis;
    }

    static String formatDate(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    static String formatTime(int millisOfDay) {
        StringBuilder out = new StringBuilder(12);
        appendTime(out, millisOfDay);
        return out.toString();
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS}. */
    static String formatTimestamp(long epochMillis) {
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int millis = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        StringBuilder out = new StringBuilder(23);
        out.append(LocalDate.ofEpochDay(day)).append(' ');
        appendTime(out, millis);
        if (millis % 1000 == 0) {
            out.append(".000");
        }
        return out.toString();
    }

    /** {@code HH:mm:ss}, with {@code .SSS} when the milliseconds are not zero. */
    private static void appendTime(StringBuilder out, int millisOfDay) {
        int seconds = millisOfDay / 1000;
        two(out, seconds / 3600).append(':');
        two(out, seconds / 60 % 60).append(':');
        two(out, seconds % 60);
        int millis = millisOfDay % 1000;
        if (millis != 0) {
            out.append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                    .append((char) ('0' + millis % 10));
        }
    }

    private static StringBuilder two(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
