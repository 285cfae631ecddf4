package io.sluice.firehose.conversion;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON value of a {@code timestamp} column as microseconds since the epoch, UTC (Hive timestamps have no
 * zone: a value without an offset is taken as UTC, one with an offset is moved to UTC), as each SerDe does:
 * <ul>
 *   <li>OpenX: {@code yyyy-MM-dd'T'HH:mm:ss[.S...]Z} (or with an offset), {@code yyyy-[M]M-[d]d HH:mm:ss[.S...]},
 *       epoch seconds, epoch milliseconds (13 digits and more) and fractional epoch seconds, as numbers or
 *       strings;</li>
 *   <li>Hive: each TimestampFormat in order (Joda-Time patterns, {@code millis} for epoch milliseconds), then the
 *       default {@code yyyy-[M]M-[d]d HH:mm:ss[.S...]} of {@code java.sql.Timestamp.valueOf}.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class TimestampReader {

    /** {@code yyyy-[M]M-[d]d HH:mm[:ss[.fffffffff]]}: java.sql.Timestamp's form, both SerDes' default. */
    private static final DateTimeFormatter SQL_FORM = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4, 9, SignStyle.NORMAL).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, SignStyle.NOT_NEGATIVE).appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE).appendLiteral(' ')
            .append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter();
    private static final long EPOCH_MILLIS_FROM = 100_000_000_000L;

    private final boolean openX;
    private final List<DateTimeFormatter> formats;
    private final boolean millis;

    private TimestampReader(boolean openX, List<DateTimeFormatter> formats, boolean millis) {
        this.openX = openX;
        this.formats = formats;
        this.millis = millis;
    }

    public static TimestampReader openX() {
        return new TimestampReader(true, List.of(), false);
    }

    /** The Hive SerDe's reader of {@code timestampFormats} (Joda-Time patterns, or {@code millis}). */
    public static TimestampReader hive(List<String> timestampFormats) {
        List<DateTimeFormatter> formats = new ArrayList<>();
        boolean millis = false;
        for (String format : timestampFormats) {
            if (format.equals("millis")) {
                millis = true;
            } else {
                formats.add(DateTimeFormatter.ofPattern(fromJoda(format)));
            }
        }
        return new TimestampReader(false, List.copyOf(formats), millis);
    }

    /** Whether {@code pattern} is one {@link #hive} accepts; the problem, or null. */
    public static String problem(String pattern) {
        if (pattern.equals("millis")) {
            return null;
        }
        try {
            DateTimeFormatter.ofPattern(fromJoda(pattern));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    long micros(JsonNode value) throws ConversionException {
        if (value.isNumber()) {
            return fromNumber(value.decimalValue(), value.isIntegralNumber());
        }
        if (!value.isTextual()) {
            throw MalformedValue.of("timestamp", value);
        }
        String text = value.asText().trim();
        for (DateTimeFormatter format : formats) {
            try {
                return toMicros(format.parseBest(text, ZonedDateTime::from, OffsetDateTime::from,
                        LocalDateTime::from, LocalDate::from));
            } catch (DateTimeException e) {
                // not this format: the next one, or the default, may read it
            }
        }
        if ((openX || millis) && isNumeric(text)) {
            BigDecimal number = new BigDecimal(text);
            return fromNumber(number, number.scale() <= 0);
        }
        try {
            TemporalAccessor parsed = openX && text.indexOf('T') > 0
                    ? DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, LocalDateTime::from)
                    : SQL_FORM.parse(text, LocalDateTime::from);
            return toMicros(parsed);
        } catch (DateTimeException e) {
            throw MalformedValue.of("timestamp", value);
        }
    }

    private long fromNumber(BigDecimal number, boolean integral) throws ConversionException {
        if (millis && !openX) {
            return number.movePointRight(3).longValue();
        }
        if (!openX) {
            throw new ConversionException(ConversionException.MALFORMED_DATA, "The timestamp " + number
                    + " is a number; the Hive JSON SerDe reads numbers only with the millis timestamp format.");
        }
        if (integral && number.abs().compareTo(BigDecimal.valueOf(EPOCH_MILLIS_FROM)) >= 0) {
            return number.longValue() * 1000;
        }
        return number.movePointRight(6).longValue();
    }

    private static long toMicros(TemporalAccessor parsed) {
        Instant instant = switch (parsed) {
            case ZonedDateTime z -> z.toInstant();
            case OffsetDateTime o -> o.toInstant();
            case LocalDateTime l -> l.toInstant(ZoneOffset.UTC);
            case LocalDate d -> d.atStartOfDay().toInstant(ZoneOffset.UTC);
            default -> throw new DateTimeException("not a date or time: " + parsed);
        };
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    private static boolean isNumeric(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && !(i == 0 && c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A Joda-Time pattern as a java.time one: the letters mean the same but for zones, where Joda's {@code Z}
     * ({@code -0800}), {@code ZZ} ({@code -08:00}) and {@code ZZZ} (zone id) are java.time's {@code xx}, {@code xxx}
     * and {@code VV}.
     */
    static String fromJoda(String joda) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < joda.length(); i++) {
            char c = joda.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                out.append(c);
            } else if (c == 'Z' && !quoted) {
                int run = 1;
                while (i + run < joda.length() && joda.charAt(i + run) == 'Z') {
                    run++;
                }
                out.append(run == 1 ? "xx" : run == 2 ? "xxx" : "VV");
                i += run - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
