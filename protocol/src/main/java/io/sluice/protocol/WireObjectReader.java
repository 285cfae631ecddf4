package io.sluice.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.common.ServiceException;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a request body with Jackson's streaming parser into {@link WireObject}s: a structure is one array of
 * alternating member names and values; a value is a String, a byte[] (CBOR byte string), an Integer, Long or
 * BigInteger, a Float, Double or BigDecimal, a Boolean, a nested WireObject, an Object[] (list), or null (JSON null
 * and CBOR null or undefined). Members and list items are collected on one scratch stack per body and copied out
 * at the size they ended with, so a structure costs one array, where databind's tree costs a LinkedHashMap, its
 * table, an entry and a node per member.
 *
 * <p>It asks the parser for the same things, in the same order, as databind's {@code ObjectMapper.readTree}
 * (Jackson 2.18's JsonNodeDeserializer with the default features), so it keeps the tree's values and fails where
 * and how the tree failed: number types as the parser reports them, floats of CBOR's 32-bit encoding as Float,
 * big decimals without trailing zeros, a non-structure body read whole before it is refused, and a repeated member
 * replacing the earlier value in the earlier place (last one wins).
 *
 * <p>Not thread-safe: one reader per body, used by {@link #read} only.
 */
final class WireObjectReader {

    /** Up to this many members a repeated name is found by a linear search; beyond it through a map. */
    private static final int LINEAR_MEMBERS = 8;
    /** databind's tree keeps an embedded object that is not a byte string as a POJO node: present, of no type. */
    private static final Object UNTYPED = new Object();
    /** How databind's messages about a token it could not read named the type it was reading. */
    private static final String TREE_TYPE = "`com.fasterxml.jackson.databind.JsonNode`";

    private final WireFormat format;
    private final JsonParser parser;
    private Object[] stack = new Object[64];
    private int top;

    private WireObjectReader(WireFormat format, JsonParser parser) {
        this.format = format;
        this.parser = parser;
    }

    static WireObject read(WireFormat format, byte[] body) {
        if (body.length == 0) {
            throw WireObject.serialization("The request body is empty; a structure was expected.");
        }
        try (JsonParser parser = format.factory().createParser(body)) {
            WireObjectReader reader = new WireObjectReader(format, parser);
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                // The tree read any other value whole (failing as it fails) before it was found not a structure.
                if (first != null && first != JsonToken.VALUE_NULL && first != JsonToken.END_ARRAY
                        && first != JsonToken.END_OBJECT) {
                    reader.value(first);
                }
                throw WireObject.serialization("The request body is not a structure.");
            }
            WireObject root = reader.structure();
            parser.clearCurrentToken(); // as readTree left the parser
            if (parser.nextToken() != null) {
                throw WireObject.serialization("Unexpected content after the request structure.");
            }
            return root;
        } catch (JacksonException e) {
            throw WireObject.serialization("The request body could not be parsed: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw WireObject.serialization("The request body could not be read.");
        }
    }

    private WireObject structure() throws IOException {
        int base = top;
        Map<String, Integer> slots = null;
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            Object value = value(parser.nextToken());
            int slot = slots != null ? slots.getOrDefault(name, -1) : linearSlot(base, name);
            if (slot >= 0) {
                stack[slot + 1] = value;
                continue;
            }
            push(name);
            push(value);
            if (slots != null) {
                slots.put(name, top - 2);
            } else if (top - base > 2 * LINEAR_MEMBERS) {
                // A large map (or a hostile body): keep finding repeats in constant time.
                slots = new HashMap<>();
                for (int i = base; i < top; i += 2) {
                    slots.put((String) stack[i], i);
                }
            }
        }
        return new WireObject(format, pop(base));
    }

    private int linearSlot(int base, String name) {
        for (int i = base; i < top; i += 2) {
            if (stack[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private Object[] list() throws IOException {
        int base = top;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            push(value(token));
        }
        return pop(base);
    }

    private Object value(JsonToken token) throws IOException {
        if (token == null) {
            // The parsers report an end inside a structure or list themselves; otherwise databind said this.
            throw unparsed("Unexpected end-of-input when trying read value of type " + TREE_TYPE);
        }
        switch (token) {
            case START_OBJECT:
                return structure();
            case START_ARRAY:
                return list();
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return integral();
            case VALUE_NUMBER_FLOAT:
                return fraction();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_EMBEDDED_OBJECT:
                Object embedded = parser.getEmbeddedObject();
                return embedded == null || embedded instanceof byte[] ? embedded : UNTYPED;
            case END_OBJECT:
                return new WireObject(format, new Object[0]); // as the tree would; no parser here gives one
            default:
                // The JSON and CBOR parsers never give a closing or name token where a value is due.
                throw unparsed("Cannot deserialize value of type " + TREE_TYPE + " from "
                        + JsonToken.valueDescFor(token) + " (token `JsonToken." + token + "`)");
        }
    }

    private static ServiceException unparsed(String databindMessage) {
        return WireObject.serialization("The request body could not be parsed: " + databindMessage);
    }

    private Object integral() throws IOException {
        JsonParser.NumberType type = parser.getNumberType();
        if (type == JsonParser.NumberType.INT) {
            return parser.getIntValue();
        }
        if (type == JsonParser.NumberType.LONG) {
            return parser.getLongValue();
        }
        return parser.getBigIntegerValue();
    }

    private Object fraction() throws IOException {
        JsonParser.NumberTypeFP type = parser.getNumberTypeFP();
        if (type == JsonParser.NumberTypeFP.BIG_DECIMAL) {
            BigDecimal decimal = parser.getDecimalValue();
            try {
                return decimal.stripTrailingZeros();
            } catch (ArithmeticException e) {
                return decimal; // a scale that stripping would overflow: the tree keeps such a number as it came
            }
        }
        if (type == JsonParser.NumberTypeFP.FLOAT32) {
            return parser.getFloatValue();
        }
        return parser.getDoubleValue();
    }

    private void push(Object value) {
        if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
        }
        stack[top++] = value;
    }

    /** The values pushed since {@code base}, in an array of their own; the stack drops back to {@code base}. */
    private Object[] pop(int base) {
        Object[] values = Arrays.copyOfRange(stack, base, top);
        top = base;
        return values;
    }
}
