package io.sluice.mappings.filter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one FilterCriteria pattern (a JSON object of fields, nested objects, value lists and {@code $or}) into an
 * {@link ObjectPattern}, rejecting what Lambda rejects: text that is not one JSON object, duplicate keys, empty
 * objects or value lists, a field whose pattern is a scalar, a value list on Kinesis's {@code data} (data is
 * filtered as JSON, so its pattern must be an object), and malformed operators ({@link ValueRuleParser}).
 * Stateless and thread-safe.
 */
final class PatternParser {

    /** FilterCriteria.Filters[].Pattern's length limit in Lambda's API model. */
    static final int MAX_PATTERN_CHARS = 4096;

    static final String DATA_FIELD = "data";

    private static final String OR = "$or";

    private static final Set<String> OPERATORS = Set.of("prefix", "suffix", "equals-ignore-case", "anything-but",
            "numeric", "exists", "cidr", "wildcard");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private PatternParser() {
    }

    static ObjectPattern parse(String text) throws InvalidFilterException {
        if (text == null || text.isBlank()) {
            throw new InvalidFilterException("The pattern is empty.");
        }
        if (text.length() > MAX_PATTERN_CHARS) {
            throw new InvalidFilterException("A pattern is at most " + MAX_PATTERN_CHARS + " characters; this one has "
                    + text.length() + ".");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidFilterException("The pattern is not valid JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw new InvalidFilterException("The pattern must be a JSON object.");
        }
        return object(root, "", true);
    }

    private static ObjectPattern object(JsonNode node, String path, boolean root) throws InvalidFilterException {
        if (node.isEmpty()) {
            throw new InvalidFilterException(where(path) + " is an empty object.");
        }
        Map<String, FieldPattern> fields = new LinkedHashMap<>();
        List<List<ObjectPattern>> orGroups = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (name.equals(OR) && isOrList(value)) {
                orGroups.add(alternatives(value, path, root));
            } else if (value.isObject()) {
                boolean data = root && name.equals(DATA_FIELD);
                fields.put(name, new FieldPattern.Nested(object(value, fieldPath, false), data));
            } else if (value.isArray()) {
                if (root && name.equals(DATA_FIELD)) {
                    throw new InvalidFilterException("\"data\" must hold a pattern object: Kinesis data is"
                            + " filtered as JSON, e.g. {\"data\": {\"type\": [\"buy\"]}}.");
                }
                fields.put(name, new FieldPattern.Values(ValueRuleParser.values(value, fieldPath)));
            } else {
                throw new InvalidFilterException(where(fieldPath) + " must be an object or an array of values, not "
                        + value + ".");
            }
        }
        return new ObjectPattern(fields, orGroups);
    }

    /** An array of objects without operator names is {@code $or}; anything else keeps AWS's old meaning: a field. */
    private static boolean isOrList(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode element : value) {
            if (!element.isObject()) {
                return false;
            }
            for (String key : (Iterable<String>) element::fieldNames) {
                if (OPERATORS.contains(key)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<ObjectPattern> alternatives(JsonNode list, String path, boolean root)
            throws InvalidFilterException {
        if (list.size() < 2) {
            throw new InvalidFilterException(where(path) + ": \"$or\" needs at least 2 alternatives.");
        }
        List<ObjectPattern> alternatives = new ArrayList<>();
        for (JsonNode alternative : list) {
            alternatives.add(object(alternative, path, root));
        }
        return alternatives;
    }

    static String where(String path) {
        return path.isEmpty() ? "The pattern" : "\"" + path + "\"";
    }
}
