package io.sluice.analytics.function;

/**
 * Reads the usual shape of a timestamp text, {@code yyyy-M-d[( |T)H:m[:s[.f]]]} with surrounding spaces, without
 * java.time's parser (which costs microseconds a row); anything else is left to {@link Datetimes}' formatter, which
 * also words the errors. Stateless and thread-safe.
 */
final class FastTimestamp {

    /** The answer for a text this reader does not take. */
    static final long NONE = Long.MIN_VALUE;

    private FastTimestamp() {
    }

    static long parse(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        while (n > i && s.charAt(n - 1) == ' ') {
            n--;
        }
        if (n - i < 8) {
            return NONE;
        }
        int year = digits(s, i, 4, 4);
        i += 4;
        if (year < 0 || i >= n || s.charAt(i++) != '-') {
            return NONE;
        }
        long packed = number(s, i, n);
        if (packed < 0) {
            return NONE;
        }
        int month = (int) (packed >>> 8);
        i += (int) (packed & 0xff);
        if (i >= n || s.charAt(i++) != '-') {
            return NONE;
        }
        packed = number(s, i, n);
        if (packed < 0) {
            return NONE;
        }
        int day = (int) (packed >>> 8);
        i += (int) (packed & 0xff);
        if (month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return NONE;
        }
        long days = epochDay(year, month, day);
        if (i == n) {
            return days * Datetimes.MILLIS_PER_DAY;
        }
        char sep = s.charAt(i++);
        if (sep != ' ' && sep != 'T') {
            return NONE;
        }
        int[] fields = new int[3];
        int read = 0;
        while (read < 3) {
            packed = number(s, i, n);
            if (packed < 0) {
                return NONE;
            }
            fields[read++] = (int) (packed >>> 8);
            i += (int) (packed & 0xff);
            if (i == n || read == 3 || s.charAt(i) != ':') {
                break;
            }
            i++;
        }
        if (read < 2) {
            return NONE;
        }
        int millis = 0;
        if (i < n) {
            if (s.charAt(i) != '.') {
                return NONE;
            }
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i)) && i - start < 9) {
                int d = s.charAt(i) - '0';
                if (i - start < 3) {
                    millis = millis * 10 + d;
                }
                i++;
            }
            if (i != n) {
                return NONE;
            }
            for (int k = Math.min(i - start, 3); k < 3; k++) {
                millis *= 10;
            }
        }
        if (fields[0] > 23 || fields[1] > 59 || fields[2] > 59) {
            return NONE;
        }
        return days * Datetimes.MILLIS_PER_DAY + ((fields[0] * 60L + fields[1]) * 60 + fields[2]) * 1000 + millis;
    }

    /** One or two digits at {@code i}: (value << 8) | digits read, or -1. */
    private static long number(String s, int i, int n) {
        if (i >= n || !Character.isDigit(s.charAt(i))) {
            return -1;
        }
        int v = s.charAt(i) - '0';
        if (i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
            return ((long) (v * 10 + s.charAt(i + 1) - '0') << 8) | 2;
        }
        return ((long) v << 8) | 1;
    }

    private static int digits(String s, int i, int min, int max) {
        int v = 0;
        int k = 0;
        while (k < max && i + k < s.length() && Character.isDigit(s.charAt(i + k))) {
            v = v * 10 + s.charAt(i + k) - '0';
            k++;
        }
        return k < min ? -1 : v;
    }

    /** Days since 1970-01-01 (Hinnant's days-from-civil). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
