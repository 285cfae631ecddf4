package io.sluice.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reading and writing the members of {@link CatalogCodec}'s JSON: optional members are absent when null; a member
 * of the wrong kind is an {@link IllegalArgumentException} naming it (the codec reports the entry as damaged).
 * Stateless.
 */
final class JsonMembers {

    private JsonMembers() {
    }

    static <T> List<T> list(JsonNode node, String name, Function<JsonNode, T> item) {
        JsonNode array = node.get(name);
        if (array == null) {
            return null;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("member " + name + " is not a list");
        }
        List<T> items = new ArrayList<>(array.size());
        array.forEach(element -> items.add(item.apply(element)));
        return items;
    }

    static List<String> strings(JsonNode node, String name) {
        return list(node, name, s -> {
            if (!s.isTextual()) {
                throw new IllegalArgumentException("member " + name + " holds a non-string");
            }
            return s.asText();
        });
    }

    static void strings(ObjectNode node, String name, List<String> values) {
        if (values != null) {
            ArrayNode array = node.putArray(name);
            values.forEach(array::add);
        }
    }

    static void map(ObjectNode node, String name, Map<String, String> values) {
        if (values != null) {
            ObjectNode object = node.putObject(name);
            new TreeMap<>(values).forEach(object::put);
        }
    }

    static Map<String, String> map(JsonNode node, String name) {
        JsonNode object = node.get(name);
        if (object == null) {
            return null;
        }
        if (!object.isObject()) {
            throw new IllegalArgumentException("member " + name + " is not a map");
        }
        Map<String, String> values = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    static void optional(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    static void optional(ObjectNode node, String name, Long value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("member " + name + " is missing or not a string");
        }
        return value.asText();
    }

    static String optionalText(JsonNode node, String name) {
        return node.has(name) ? text(node, name) : null;
    }

    static long number(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("member " + name + " is missing or not an integer");
        }
        return value.asLong();
    }

    static Long optionalNumber(JsonNode node, String name) {
        return node.has(name) ? number(node, name) : null;
    }
}
