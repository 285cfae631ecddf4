package io.sluice.protocol.sigv4;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * The time a request was signed at, from {@code X-Amz-Date} ({@code yyyyMMdd'T'HHmmss'Z'}, ISO-8601 basic format)
 * or, failing that, {@code Date} (RFC 1123, or the same basic format). The string to sign always carries the basic
 * format. Also checks it against the server's clock. Immutable.
 */
record RequestTime(Instant instant) {

    /** How far a signature's time may be from the server's clock, either way (AWS's rule). */
    static final Duration SKEW = Duration.ofMinutes(5);

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    /** Parses X-Amz-Date; null if it is not in the basic format. */
    static RequestTime parseAmzDate(String value) {
        try {
            return new RequestTime(Instant.from(BASIC.parse(value)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Parses a Date header, which is RFC 1123 from HTTP clients and sometimes the basic format; null if neither. */
    static RequestTime parseDate(String value) {
        RequestTime basic = parseAmzDate(value);
        if (basic != null) {
            return basic;
        }
        try {
            return new RequestTime(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code yyyyMMdd'T'HHmmss'Z'}, as the string to sign needs it. */
    String basic() {
        return BASIC.format(instant);
    }

    /** {@code yyyyMMdd}, which the credential scope must repeat. */
    String day() {
        return basic().substring(0, 8);
    }

    /**
     * Refuses a time outside {@code [now - 5 min, now + 5 min]}, or, for a presigned request valid for
     * {@code expires}, outside {@code [now - expires, now + 5 min]}, with AWS's messages.
     */
    void checkAgainst(Instant now, Duration expires) {
        Instant earliest = now.minus(expires);
        if (instant.isBefore(earliest)) {
            throw AuthErrors.invalid("Signature expired: " + basic() + " is now earlier than "
                    + BASIC.format(earliest) + " (" + BASIC.format(now) + " - " + describe(expires) + ".)");
        }
        Instant latest = now.plus(SKEW);
        if (instant.isAfter(latest)) {
            throw AuthErrors.invalid("Signature not yet current: " + basic() + " is still later than "
                    + BASIC.format(latest) + " (" + BASIC.format(now) + " + 5 min.)");
        }
    }

    private static String describe(Duration d) {
        return d.equals(SKEW) ? "5 min" : d.toSeconds() + " sec";
    }
}
