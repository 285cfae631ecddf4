package io.sluice.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One JSON object of agent.json (the top level, a flow, a processing option) read key by key: each reader returns the
 * value or its default and records a problem naming the key (with its place, e.g. {@code flows[1].skipHeaderLines})
 * and the value instead of throwing, so that one run reports every problem. Keys never read are unknown keys.
 * As AWS's agent does, numbers and booleans may also be given as strings ({@code "timestamp": "true"}).
 * Not thread-safe: one reader thread.
 */
final class ConfigSection {

    private final ObjectNode node;
    private final String where;
    private final List<String> problems;
    private final Set<String> read = new HashSet<>();

    ConfigSection(ObjectNode node, String where, List<String> problems) {
        this.node = node;
        this.where = where;
        this.problems = problems;
    }

    /** Whether the key is given (a JSON null counts as not given). */
    boolean has(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** The key's name as problems print it. */
    String name(String key) {
        return where + key;
    }

    void problem(String key, String what) {
        problems.add(name(key) + ": " + what);
    }

    /** A key AWS's agent reads that this agent refuses: a problem naming it, whatever its value. */
    void refuse(String key, String why) {
        if (has(key)) {
            problem(key, why);
        }
    }

    JsonNode raw(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    String string(String key, String defaultValue) {
        JsonNode value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isTextual()) {
            problem(key, value + " is not a string");
            return defaultValue;
        }
        return value.asText();
    }

    /** A whole number in {@code [min, max]}. */
    long number(String key, long defaultValue, long min, long max) {
        JsonNode value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            parsed = value.asLong();
        } else if (value.isTextual() && value.asText().trim().matches("[+-]?\\d{1,18}")) {
            parsed = Long.parseLong(value.asText().trim());
        } else {
            problem(key, value + " is not a whole number");
            return defaultValue;
        }
        if (parsed < min || parsed > max) {
            problem(key, parsed + " is out of range " + min + ".." + max);
            return defaultValue;
        }
        return parsed;
    }

    int integer(String key, int defaultValue, int min, int max) {
        return (int) number(key, defaultValue, min, max);
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual()) {
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        problem(key, value + " is not true or false");
        return defaultValue;
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        problem(key, "\"" + text + "\" is not one of " + String.join(", ", names));
        return defaultValue;
    }

    /** A Java regular expression, or null when absent or empty (AWS's agent treats both as not set). */
    Pattern pattern(String key) {
        String text = string(key, null);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            problem(key, "\"" + text + "\" is not a valid regular expression: " + e.getDescription());
            return null;
        }
    }

    /** A list of strings, or null when absent. */
    List<String> strings(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            problem(key, value + " is not a list of strings");
            return null;
        }
        List<String> result = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                problem(key, element + " is not a string");
                return null;
            }
            result.add(element.asText());
        }
        return result;
    }

    /** Reports every key of the object that no reader asked for. */
    void reportUnknownKeys() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!read.contains(key)) {
                problem(key, "unknown key");
            }
        }
    }
}
