package io.sluice.firehose.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.orc.TypeDescription;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON values into the Java values of their Hive types, which both file writers take: boolean
 * {@link Boolean}; tinyint, smallint, int {@link Integer}; bigint {@link Long}; float {@link Float}; double
 * {@link Double}; string, char, varchar {@link String} (char and varchar cut to their length); binary
 * {@code byte[]} (from base64); decimal {@link BigDecimal} at the column's scale; date {@link Integer} days since
 * the epoch; timestamp {@link Long} microseconds since the epoch, UTC; array {@link List}; map {@link Map}; struct
 * {@code Object[]} in field order. JSON null and absent keys are null; keys the schema does not name are ignored.
 * Numbers and booleans may come as strings, and a string column takes any value (objects and arrays as their
 * JSON text), as the SerDes do. Immutable and thread-safe.
 */
final class ValueReader {

    private final KeyMatching keys;
    private final TimestampReader timestamps;

    ValueReader(KeyMatching keys, TimestampReader timestamps) {
        this.keys = keys;
        this.timestamps = timestamps;
    }

    /** A struct's field values from a JSON object. */
    Object[] struct(TypeDescription type, JsonNode object) throws ConversionException {
        if (!object.isObject()) {
            throw MalformedValue.of(type.toString(), object);
        }
        List<String> names = type.getFieldNames();
        List<TypeDescription> children = type.getChildren();
        JsonNode[] values = keys.values(object, names);
        Object[] row = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            try {
                row[i] = value(children.get(i), values[i]);
            } catch (ConversionException e) {
                throw MalformedValue.in(names.get(i), e);
            }
        }
        return row;
    }

    Object value(TypeDescription type, JsonNode node) throws ConversionException {
        if (node == null || node.isNull()) {
            return null;
        }
        return switch (type.getCategory()) {
            case BOOLEAN -> bool(node);
            case BYTE -> (int) integral(node, Byte.MIN_VALUE, Byte.MAX_VALUE, "tinyint");
            case SHORT -> (int) integral(node, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INT -> (int) integral(node, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
            case LONG -> integral(node, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            case FLOAT -> (float) floating(node, "float");
            case DOUBLE -> floating(node, "double");
            case STRING -> text(node);
            case CHAR, VARCHAR -> cut(text(node), type.getMaxLength());
            case BINARY -> binary(node);
            case DECIMAL -> decimal(node, type);
            case DATE -> date(node);
            case TIMESTAMP, TIMESTAMP_INSTANT -> timestamps.micros(node);
            case LIST -> list(type, node);
            case MAP -> map(type, node);
            case STRUCT -> struct(type, node);
            default -> throw new ConversionException(ConversionException.INVALID_SCHEMA,
                    "The column type " + type + " is not supported.");
        };
    }

    private static Boolean bool(JsonNode node) throws ConversionException {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.isTextual() ? node.textValue().trim() : "";
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw MalformedValue.of("boolean", node);
    }

    private static long integral(JsonNode node, long min, long max, String type) throws ConversionException {
        BigDecimal number = number(node, type);
        try {
            long value = number.longValueExact();
            if (value >= min && value <= max) {
                return value;
            }
        } catch (ArithmeticException e) {
            // a fraction, or beyond a long: reported below
        }
        throw MalformedValue.of(type, node);
    }

    private static double floating(JsonNode node, String type) throws ConversionException {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return number(node, type).doubleValue();
    }

    private static BigDecimal number(JsonNode node, String type) throws ConversionException {
        if (node.isNumber()) {
            return node.isIntegralNumber() && node.canConvertToLong() ? BigDecimal.valueOf(node.longValue())
                    : node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw MalformedValue.of(type, node);
            }
        }
        throw MalformedValue.of(type, node);
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.isValueNode() ? node.asText() : node.toString();
    }

    private static String cut(String text, int maxLength) {
        return text.codePointCount(0, text.length()) <= maxLength ? text
                : text.substring(0, text.offsetByCodePoints(0, maxLength));
    }

    private static byte[] binary(JsonNode node) throws ConversionException {
        if (!node.isTextual()) {
            throw MalformedValue.of("binary (base64)", node);
        }
        try {
            return Base64.getDecoder().decode(node.textValue().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw MalformedValue.of("binary (base64)", node);
        }
    }

    private static BigDecimal decimal(JsonNode node, TypeDescription type) throws ConversionException {
        BigDecimal value = number(node, type.toString()).setScale(type.getScale(), RoundingMode.HALF_UP);
        if (value.precision() > type.getPrecision()) {
            throw MalformedValue.of(type.toString(), node);
        }
        return value;
    }

    private static Integer date(JsonNode node) throws ConversionException {
        if (!node.isTextual()) {
            throw MalformedValue.of("date", node);
        }
        try {
            return Math.toIntExact(LocalDate.parse(node.textValue().trim()).toEpochDay());
        } catch (DateTimeException | ArithmeticException e) {
            throw MalformedValue.of("date", node);
        }
    }

    private List<Object> list(TypeDescription type, JsonNode node) throws ConversionException {
        if (!node.isArray()) {
            throw MalformedValue.of(type.toString(), node);
        }
        TypeDescription element = type.getChildren().getFirst();
        List<Object> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            values.add(value(element, item));
        }
        return values;
    }

    private Map<Object, Object> map(TypeDescription type, JsonNode node) throws ConversionException {
        if (!node.isObject()) {
            throw MalformedValue.of(type.toString(), node);
        }
        TypeDescription keyType = type.getChildren().get(0);
        TypeDescription valueType = type.getChildren().get(1);
        Map<Object, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            values.put(value(keyType, TextNode.valueOf(entry.getKey())), value(valueType, entry.getValue()));
        }
        return values;
    }
}
