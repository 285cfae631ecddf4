package io.sluice.analytics.format;

import io.sluice.analytics.type.SqlType;
import java.math.BigDecimal;
import java.util.Base64;

/**
 * The text of a SQL value as records carry it: numbers in their shortest exact form (DECIMAL without exponent),
 * datetimes as {@link DateTimeText} writes them, binary values in base64 (the JSON type the SQL reference gives
 * BINARY), intervals as their count of milliseconds or months. Stateless and thread-safe.
 */
public final class ValueText {

    private ValueText() {
    }

    /** The text of a non-null value of {@code type}. */
    public static String format(SqlType type, Object value) {
        return switch (type.name()) {
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case DATE -> DateTimeText.formatDate((Integer) value);
            case TIME -> DateTimeText.formatTime((Integer) value);
            case TIMESTAMP -> DateTimeText.formatTimestamp((Long) value);
            case BINARY, VARBINARY -> Base64.getEncoder().encodeToString((byte[]) value);
            default -> value.toString();
        };
    }
}
