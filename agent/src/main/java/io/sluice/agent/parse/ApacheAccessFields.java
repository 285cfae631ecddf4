package io.sluice.agent.parse;

/**
 * A fast reading of the Apache access log formats (COMMONAPACHELOG, COMBINEDAPACHELOG) for LOGTOJSON: the fields of
 * a line in the usual shape ({@code host ident authuser [dd/Mon/yyyy:HH:mm:ss +zzzz] "request" status bytes}, then
 * {@code "referer" "agent"} when combined) are found by scanning it once instead of by the formats' regular
 * expressions, which were half of the agent's CPU time at 100,000 lines/s.
 *
 * <p>It answers only what the expressions of {@code LogFormats} would: {@link #read} gives fields only when the line
 * is in a shape where those expressions match and give exactly these groups, and otherwise says it does not know,
 * so that the caller matches the expression (which then finds the same groups in an unusual line, such as one with
 * a full month name or a host given as {@code 10..1}, or refuses it). Stateless; thread-safe.
 */
final class ApacheAccessFields {

    private ApacheAccessFields() {
    }

    /**
     * Finds the line's fields: field i is {@code line} from {@code bounds[2i]} to {@code bounds[2i+1]} (7 fields for
     * the common format, 9 for the combined one).
     *
     * @return whether it did; false when the line is not in the usual shape (the bounds are then meaningless)
     */
    static boolean read(String line, boolean combined, int[] bounds) {
        int end = line.length();
        int host = token(line, 0, end);
        if (host <= 0 || !hostname(line, 0, host)) {
            return false;
        }
        int ident = token(line, host + 1, end);
        if (ident <= host + 1 || !user(line, host + 1, ident)) {
            return false;
        }
        int authuser = token(line, ident + 1, end);
        if (authuser <= ident + 1 || !user(line, ident + 1, authuser)) {
            return false;
        }
        int date = authuser + 1;
        if (date >= end || line.charAt(date) != '[') {
            return false;
        }
        int dateEnd = line.indexOf(']', date + 1);
        if (dateEnd < 0 || !httpDate(line, date + 1, dateEnd)) {
            return false;
        }
        int request = dateEnd + 1;
        if (!startsWith(line, request, " \"")) {
            return false;
        }
        int requestEnd = line.indexOf('"', request + 2);
        if (requestEnd <= request + 2) {
            return false;
        }
        int response = requestEnd + 1;
        if (response >= end || line.charAt(response) != ' ') {
            return false;
        }
        int responseEnd = token(line, response + 1, end);
        if (responseEnd < 0 || !intOrDash(line, response + 1, responseEnd)) {
            return false;
        }
        int bytes = responseEnd + 1;
        int bytesEnd;
        int rest;
        if (combined) {
            bytesEnd = token(line, bytes, end);
            if (bytesEnd < 0 || !intOrDash(line, bytes, bytesEnd) || !startsWith(line, bytesEnd, " \"")) {
                return false;
            }
            int referer = bytesEnd + 2;
            int refererEnd = line.indexOf('"', referer);
            if (refererEnd <= referer || !startsWith(line, refererEnd, "\" \"")) {
                return false;
            }
            int agent = refererEnd + 3;
            int agentEnd = line.indexOf('"', agent);
            if (agentEnd <= agent) {
                return false;
            }
            set(bounds, 7, referer, refererEnd);
            set(bounds, 8, agent, agentEnd);
            rest = agentEnd + 1;
        } else {
            // the expression's INT is greedy and ".*" takes the rest: the digits as far as they go, or a lone "-"
            bytesEnd = leadingInt(line, bytes, end);
            if (bytesEnd < 0) {
                if (bytes >= end || line.charAt(bytes) != '-') {
                    return false;
                }
                bytesEnd = bytes + 1;
            }
            rest = bytesEnd;
        }
        if (hasLineTerminator(line, rest, end)) {
            return false; // "." matches no line terminator: the expression decides
        }
        set(bounds, 0, 0, host);
        set(bounds, 1, host + 1, ident);
        set(bounds, 2, ident + 1, authuser);
        set(bounds, 3, date + 1, dateEnd);
        set(bounds, 4, request + 2, requestEnd);
        set(bounds, 5, response + 1, responseEnd);
        set(bounds, 6, bytes, bytesEnd);
        return true;
    }

    private static void set(int[] bounds, int field, int from, int to) {
        bounds[2 * field] = from;
        bounds[2 * field + 1] = to;
    }

    /** The index of the space ending the token that starts at {@code from}, or -1 when no space follows. */
    private static int token(String line, int from, int end) {
        for (int i = from; i < end; i++) {
            if (line.charAt(i) == ' ') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(String line, int at, String prefix) {
        return line.startsWith(prefix, at);
    }

    private static boolean wordOrDash(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    /** HOSTNAME's usual shape: labels of {@code [\w-]+} separated by single dots, maybe one dot at the end. */
    private static boolean hostname(String line, int from, int to) {
        boolean labelStarted = false;
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c == '.') {
                if (!labelStarted) {
                    return false;
                }
                labelStarted = false;
            } else if (wordOrDash(c)) {
                labelStarted = true;
            } else {
                return false;
            }
        }
        return to > from && line.charAt(from) != '.';
    }

    /** USER: {@code [a-zA-Z0-9._-]+}. */
    private static boolean user(String line, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (!wordOrDash(c) && c != '.') {
                return false;
            }
        }
        return to > from;
    }

    /** {@code dd/Mon/yyyy:HH:mm:ss +zzzz} exactly, with values HTTPDATE accepts. */
    private static boolean httpDate(String line, int from, int to) {
        if (to - from != 26 || line.charAt(from + 2) != '/' || line.charAt(from + 6) != '/'
                || line.charAt(from + 11) != ':' || line.charAt(from + 14) != ':' || line.charAt(from + 17) != ':'
                || line.charAt(from + 20) != ' ') {
            return false;
        }
        int day = twoDigits(line, from);
        int year = digits(line, from + 7, 4);
        int hour = twoDigits(line, from + 12);
        int minute = twoDigits(line, from + 15);
        int second = twoDigits(line, from + 18);
        char sign = line.charAt(from + 21);
        return day >= 1 && day <= 31 && month(line, from + 3) && year >= 1000 && hour >= 0 && hour <= 23
                && minute >= 0 && minute <= 59 && second >= 0 && second <= 60 && (sign == '+' || sign == '-')
                && digits(line, from + 22, 4) >= 0;
    }

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private static boolean month(String line, int at) {
        for (int m = 0; m < MONTHS.length(); m += 3) {
            if (line.regionMatches(at, MONTHS, m, 3)) {
                return true;
            }
        }
        return false;
    }

    private static int twoDigits(String line, int at) {
        return digits(line, at, 2);
    }

    /** The value of {@code count} ASCII digits at {@code at}, or -1 when one is not a digit. */
    private static int digits(String line, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** INT ({@code [+-]?[0-9]+}) or "-", the whole of {@code [from, to)}. */
    private static boolean intOrDash(String line, int from, int to) {
        if (to - from == 1 && line.charAt(from) == '-') {
            return true;
        }
        return to > from && leadingInt(line, from, to) == to;
    }

    /** The end of the longest INT at {@code from}, or -1 when none starts there. */
    private static int leadingInt(String line, int from, int end) {
        int i = from;
        if (i < end && (line.charAt(i) == '+' || line.charAt(i) == '-')) {
            i++;
        }
        int digitsFrom = i;
        while (i < end && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            i++;
        }
        return i > digitsFrom ? i : -1;
    }

    private static boolean hasLineTerminator(String line, int from, int end) {
        for (int i = from; i < end; i++) {
            char c = line.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
