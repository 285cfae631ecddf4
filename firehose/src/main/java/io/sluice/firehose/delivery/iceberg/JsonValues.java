package io.sluice.firehose.delivery.iceberg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Reads one JSON value as an Iceberg primitive, in the generic data model's classes (Integer, Long, Float, Double,
 * BigDecimal, String, UUID, LocalDate, LocalTime, LocalDateTime, OffsetDateTime, ByteBuffer, byte[]). Numbers are
 * numbers or numeric strings (integers integral and in range; a decimal's scale may only grow); strings may carry
 * any type in its ISO form; dates may be days since the epoch, times microseconds since midnight and timestamps
 * microseconds since the epoch, as AWS asks timestamps to be sent; binary and fixed values are base64 strings.
 * Stateless.
 */
final class JsonValues {

    private static final Set<Type.TypeID> NUMERIC = EnumSet.of(Type.TypeID.INTEGER, Type.TypeID.LONG,
            Type.TypeID.FLOAT, Type.TypeID.DOUBLE, Type.TypeID.DECIMAL);

    private JsonValues() {
    }

    static JsonNode text(String value) {
        return TextNode.valueOf(value);
    }

    static Object primitive(JsonNode json, Type.PrimitiveType type, String path) throws RecordMismatchException {
        try {
            Object value = read(json, type);
            if (value != null) {
                return value;
            }
        } catch (ArithmeticException | IllegalArgumentException | DateTimeParseException e) {
            // reported below with the column's name
        }
        throw new RecordMismatchException(RecordMismatchException.INVALID_VALUE,
                "The value of " + path + " is not a valid " + type + ".");
    }

    /** The value, or null when the JSON has the wrong shape for the type. */
    private static Object read(JsonNode json, Type.PrimitiveType type) {
        if (json.isTextual() && NUMERIC.contains(type.typeId())) {
            // map keys are always strings, and producers quote numbers
            json = DecimalNode.valueOf(new BigDecimal(json.textValue().trim()));
        }
        return switch (type.typeId()) {
            case BOOLEAN -> json.isBoolean() ? json.booleanValue()
                    : json.isTextual() ? bool(json.textValue()) : null;
            case INTEGER -> integral(json) ? json.bigIntegerValue().intValueExact() : null;
            case LONG -> integral(json) ? json.bigIntegerValue().longValueExact() : null;
            case FLOAT -> json.isNumber() ? json.floatValue() : null;
            case DOUBLE -> json.isNumber() ? json.doubleValue() : null;
            case DECIMAL -> decimal(json, (Types.DecimalType) type);
            case STRING -> json.isValueNode() ? json.asText() : null;
            case UUID -> json.isTextual() ? UUID.fromString(json.textValue()) : null;
            case DATE -> json.isIntegralNumber() ? LocalDate.ofEpochDay(json.longValue())
                    : json.isTextual() ? LocalDate.parse(json.textValue()) : null;
            case TIME -> json.isIntegralNumber() ? LocalTime.ofNanoOfDay(json.longValue() * 1000)
                    : json.isTextual() ? LocalTime.parse(json.textValue()) : null;
            case TIMESTAMP -> timestamp(json, ((Types.TimestampType) type).shouldAdjustToUTC());
            case BINARY -> json.isTextual() ? JsonRows.bytes(json.textValue()) : null;
            case FIXED -> json.isTextual() ? fixed(json.textValue(), ((Types.FixedType) type).length()) : null;
            default -> null;
        };
    }

    private static Boolean bool(String text) {
        return "true".equalsIgnoreCase(text) ? Boolean.TRUE : "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
    }

    private static boolean integral(JsonNode json) {
        return json.isIntegralNumber()
                || json.isNumber() && json.decimalValue().stripTrailingZeros().scale() <= 0;
    }

    private static BigDecimal decimal(JsonNode json, Types.DecimalType type) {
        if (!json.isNumber() && !json.isTextual()) {
            return null;
        }
        BigDecimal value = JsonRows.decimal(json).setScale(type.scale(), RoundingMode.UNNECESSARY);
        return value.precision() <= type.precision() ? value : null;
    }

    private static Object timestamp(JsonNode json, boolean withZone) {
        if (json.isIntegralNumber()) {
            Instant instant = Instant.EPOCH.plus(json.longValue(), ChronoUnit.MICROS);
            return withZone ? instant.atOffset(ZoneOffset.UTC) : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (!json.isTextual()) {
            return null;
        }
        String text = json.textValue();
        if (withZone) {
            return hasOffset(text) ? OffsetDateTime.parse(text) : LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        }
        return hasOffset(text) ? OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                : LocalDateTime.parse(text);
    }

    /** Whether an ISO date-time ends with {@code Z} or a {@code +hh:mm}/{@code -hh:mm} offset after its time. */
    private static boolean hasOffset(String text) {
        int time = text.indexOf('T');
        return text.endsWith("Z") || time >= 0
                && (text.indexOf('+', time) >= 0 || text.indexOf('-', time) >= 0);
    }

    private static byte[] fixed(String text, int length) {
        ByteBuffer bytes = JsonRows.bytes(text);
        if (bytes.remaining() != length) {
            return null;
        }
        byte[] out = new byte[length];
        bytes.get(out);
        return out;
    }
}
