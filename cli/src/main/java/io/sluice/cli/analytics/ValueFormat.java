package io.sluice.cli.analytics;

import io.sluice.analytics.type.SqlType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The text of a SQL value in printed rows, as KDA's console shows it: TIMESTAMP {@code yyyy-MM-dd HH:mm:ss.SSS},
 * DATE {@code yyyy-MM-dd}, TIME {@code HH:mm:ss} (UTC), DECIMAL without exponent, binary in base64, NULL as
 * {@code null}.
 *
 * <p><b>Threading</b>: stateless and thread-safe.
 */
final class ValueFormat {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private ValueFormat() {
    }

    static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    static String text(SqlType type, Object value) {
        if (value == null) {
            return "null";
        }
        return switch (type.name()) {
            case TIMESTAMP -> timestamp((Long) value);
            case DATE -> LocalDate.ofEpochDay((Integer) value).toString();
            case TIME -> TIME.format(LocalTime.ofNanoOfDay((Integer) value * 1_000_000L));
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case BINARY, VARBINARY -> Base64.getEncoder().encodeToString((byte[]) value);
            default -> value.toString();
        };
    }
}
