package io.sluice.firehose.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.config.JsonDeserializer;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a SerDe finds a struct field's value among a JSON object's keys: the OpenX SerDe matches keys ignoring case
 * unless CaseInsensitive is false, can read dots in keys as underscores, and reads the keys
 * ColumnToJsonKeyMappings names for their columns; the Hive SerDe matches keys ignoring case. Immutable and
 * thread-safe.
 */
final class KeyMatching {

    private final boolean ignoreCase;
    private final boolean dotsToUnderscores;
    private final Map<String, String> columnToKey;

    private KeyMatching(boolean ignoreCase, boolean dotsToUnderscores, Map<String, String> columnToKey) {
        this.ignoreCase = ignoreCase;
        this.dotsToUnderscores = dotsToUnderscores;
        this.columnToKey = columnToKey;
    }

    static KeyMatching of(JsonDeserializer deserializer) {
        return switch (deserializer) {
            case JsonDeserializer.OpenX openX -> new KeyMatching(openX.caseInsensitive(),
                    openX.convertDotsInJsonKeysToUnderscores(), lowerKeys(openX.columnToJsonKeyMappings()));
            case JsonDeserializer.Hive hive -> new KeyMatching(true, false, Map.of());
        };
    }

    /**
     * The values of {@code fields} in {@code object}, in field order (null where absent). Field names are lower
     * case, as Hive keeps column names.
     */
    JsonNode[] values(JsonNode object, List<String> fields) {
        JsonNode[] values = new JsonNode[fields.size()];
        Map<String, JsonNode> byKey = null;
        for (int i = 0; i < values.length; i++) {
            String mapped = columnToKey.get(fields.get(i));
            String key = mapped != null ? mapped : fields.get(i);
            // most keys are spelt as the column: the exact lookup spares normalising every key of every object
            JsonNode value = object.get(key);
            if (value == null && (ignoreCase || dotsToUnderscores)) {
                if (byKey == null) {
                    byKey = normalisedKeys(object);
                }
                value = byKey.get(normalise(key));
            }
            values[i] = value;
        }
        return values;
    }

    private Map<String, JsonNode> normalisedKeys(JsonNode object) {
        Map<String, JsonNode> byKey = new HashMap<>(object.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            byKey.putIfAbsent(normalise(field.getKey()), field.getValue());
        }
        return byKey;
    }

    private String normalise(String key) {
        String k = ignoreCase ? key.toLowerCase(Locale.ROOT) : key;
        return dotsToUnderscores ? k.replace('.', '_') : k;
    }

    private static Map<String, String> lowerKeys(Map<String, String> mappings) {
        Map<String, String> lower = new HashMap<>();
        mappings.forEach((column, key) -> lower.put(column.toLowerCase(Locale.ROOT), key));
        return Map.copyOf(lower);
    }
}
