package io.sluice.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle of {@link WireObjectEquivalenceTest}: {@link WireObject} as it was before it read bodies without
 * Jackson's tree (a copy of that implementation, unchanged but for its name and its mappers), parsing with
 * {@code ObjectMapper.readTree} into {@code ObjectNode}s. The new reader must answer every getter as this one does.
 * Immutable.
 */
final class WireObjectOracle {

    private static final Map<WireFormat, ObjectMapper> MAPPERS = new EnumMap<>(Map.of(
            WireFormat.JSON, new ObjectMapper(WireFormat.JSON.factory()),
            WireFormat.CBOR, new ObjectMapper(WireFormat.CBOR.factory())));

    private final WireFormat format;
    private final ObjectNode node;

    private WireObjectOracle(WireFormat format, ObjectNode node) {
        this.format = format;
        this.node = node;
    }

    /** Parses a whole request body, which must be one structure. */
    static WireObjectOracle parse(WireFormat format, byte[] body) {
        if (body.length == 0) {
            throw serialization("The request body is empty; a structure was expected.");
        }
        try (JsonParser parser = format.factory().createParser(body)) {
            JsonNode root = MAPPERS.get(format).readTree(parser);
            if (!(root instanceof ObjectNode object)) {
                throw serialization("The request body is not a structure.");
            }
            if (parser.nextToken() != null) {
                throw serialization("Unexpected content after the request structure.");
            }
            return new WireObjectOracle(format, object);
        } catch (JacksonException e) {
            throw serialization("The request body could not be parsed: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw serialization("The request body could not be read.");
        }
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public String string(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a string");
        }
        return value.textValue();
    }

    public Integer integer(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(name, "an integer");
        }
        return value.intValue();
    }

    /** A double (the model's Proportion and similar members): a finite number. */
    public Double real(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw wrongType(name, "a number");
        }
        return value.doubleValue();
    }

    public Boolean bool(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(name, "a boolean");
        }
        return value.booleanValue();
    }

    /** A blob: a CBOR byte string, or a base64 string (JSON, and CBOR clients that send text). */
    public byte[] blob(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (value.isBinary()) {
            try {
                return value.binaryValue();
            } catch (IOException e) {
                throw wrongType(name, "a blob");
            }
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a blob");
        }
        try {
            return Base64.getDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
            throw serialization("Member " + name + " is not valid base64.");
        }
    }

    /**
     * A timestamp in epoch milliseconds: CBOR sends integer milliseconds, JSON epoch seconds with a fraction.
     * Numbers that are not finite or do not fit are a SerializationException, never a wrapped value.
     */
    public Long timestampMillis(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue()))) {
            throw wrongType(name, "a timestamp");
        }
        if (format == WireFormat.CBOR) {
            if (value.isIntegralNumber()) {
                if (!value.canConvertToLong()) {
                    throw wrongType(name, "a timestamp");
                }
                return value.longValue();
            }
            return millis(name, value.decimalValue().setScale(0, java.math.RoundingMode.HALF_UP));
        }
        return millis(name, value.decimalValue().movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP));
    }

    private static long millis(String name, BigDecimal whole) {
        try {
            return whole.longValueExact();
        } catch (ArithmeticException e) {
            throw wrongType(name, "a timestamp");
        }
    }

    public WireObjectOracle object(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw wrongType(name, "a structure");
        }
        return new WireObjectOracle(format, object);
    }

    public List<WireObjectOracle> objects(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(name, "a list");
        }
        List<WireObjectOracle> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!(item instanceof ObjectNode object)) {
                throw wrongType(name, "a list of structures");
            }
            items.add(new WireObjectOracle(format, object));
        }
        return items;
    }

    public List<String> strings(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(name, "a list");
        }
        List<String> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw wrongType(name, "a list of strings");
            }
            items.add(item.textValue());
        }
        return items;
    }

    public Map<String, String> stringMap(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(name, "a map");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw wrongType(name, "a map of strings");
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    private JsonNode member(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private static ServiceException wrongType(String name, String expected) {
        return serialization("Member " + name + " must be " + expected + ".");
    }

    private static ServiceException serialization(String message) {
        return new ServiceException(ErrorType.SERIALIZATION, message);
    }
}
