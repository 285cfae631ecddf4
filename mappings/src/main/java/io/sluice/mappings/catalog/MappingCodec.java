package io.sluice.mappings.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.UnsupportedFormatVersionException;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingSettings;
import io.sluice.mappings.MappingState;
import io.sluice.mappings.StartingPosition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An event source mapping in the metadata store: key {@code mapping/<uuid>}, value UTF-8 JSON.
 *
 * <p>Version 1 (written now):
 * <pre>
 * {"format":1, "uuid", "account", "region", "functionArn", "eventSourceArn",
 *  "state": MappingState's constant name (CREATING, ENABLED, ...), "stateTransitionReason", "lastModifiedMillis",
 *  "settings": {"batchSize", "maximumBatchingWindowSeconds", "startingPosition", "startingPositionTimestampMillis"
 *               (absent if none), "parallelizationFactor", "bisectBatchOnFunctionError", "maximumRetryAttempts",
 *               "maximumRecordAgeSeconds", "reportBatchItemFailures", "tumblingWindowSeconds",
 *               "filterPatterns": [JSON texts], "onFailureDestination" (absent if none), "enabled"},
 *  "tags": {key: value}}
 * </pre>
 * Readers ignore fields they do not know, so a later version that only adds fields keeps version 1; a value with
 * any other {@code format} (or none) is refused with {@link UnsupportedFormatVersionException}. Recovery: a value is
 * written whole by one put, so it is either the old or the new one; a mapping left in a transitional state by a
 * crash is finished by {@link MappingCatalog#resume}.
 *
 * <p>Stateless and thread-safe.
 */
final class MappingCodec {

    static final int VERSION = 1;
    static final String KEY_PREFIX = "mapping/";
    private static final Pattern KEY = Pattern.compile("mapping/[0-9a-fA-F-]{36}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MappingCodec() {
    }

    static String key(String uuid) {
        return KEY_PREFIX + uuid;
    }

    /** True for a mapping's own key (not a key another part of the mappings module keeps under the prefix). */
    static boolean isMappingKey(String key) {
        return KEY.matcher(key).matches();
    }

    static byte[] encode(EventSourceMapping m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", VERSION);
        root.put("uuid", m.uuid());
        root.put("account", m.account());
        root.put("region", m.region());
        root.put("functionArn", m.functionArn());
        root.put("eventSourceArn", m.eventSourceArn());
        root.put("state", m.state().name());
        root.put("stateTransitionReason", m.stateTransitionReason());
        root.put("lastModifiedMillis", m.lastModifiedMillis());
        MappingSettings s = m.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("batchSize", s.batchSize());
        settings.put("maximumBatchingWindowSeconds", s.maximumBatchingWindowSeconds());
        settings.put("startingPosition", s.startingPosition().name());
        if (s.startingPositionTimestampMillis() != null) {
            settings.put("startingPositionTimestampMillis", s.startingPositionTimestampMillis());
        }
        settings.put("parallelizationFactor", s.parallelizationFactor());
        settings.put("bisectBatchOnFunctionError", s.bisectBatchOnFunctionError());
        settings.put("maximumRetryAttempts", s.maximumRetryAttempts());
        settings.put("maximumRecordAgeSeconds", s.maximumRecordAgeSeconds());
        settings.put("reportBatchItemFailures", s.reportBatchItemFailures());
        settings.put("tumblingWindowSeconds", s.tumblingWindowSeconds());
        ArrayNode patterns = settings.putArray("filterPatterns");
        s.filterPatterns().forEach(patterns::add);
        if (s.onFailureDestination() != null) {
            settings.put("onFailureDestination", s.onFailureDestination());
        }
        settings.put("enabled", s.enabled());
        ObjectNode tags = root.putObject("tags");
        new TreeMap<>(m.tags()).forEach(tags::put);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws UnsupportedFormatVersionException for a format version other than {@value #VERSION}
     * @throws IllegalStateException             for a value that is not a mapping (damaged)
     */
    static EventSourceMapping decode(String key, byte[] value) {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException("event source mapping " + key + " is not JSON: damaged", e);
        }
        int version = root.path("format").asInt(0);
        if (version != VERSION) {
            throw new UnsupportedFormatVersionException("event source mapping", key, version, VERSION);
        }
        JsonNode s = root.path("settings");
        List<String> patterns = new ArrayList<>();
        s.path("filterPatterns").forEach(p -> patterns.add(p.asText()));
        MappingSettings settings = new MappingSettings(s.path("batchSize").asInt(),
                s.path("maximumBatchingWindowSeconds").asInt(),
                StartingPosition.valueOf(s.path("startingPosition").asText()),
                s.hasNonNull("startingPositionTimestampMillis")
                        ? s.path("startingPositionTimestampMillis").asLong() : null,
                s.path("parallelizationFactor").asInt(), s.path("bisectBatchOnFunctionError").asBoolean(),
                s.path("maximumRetryAttempts").asInt(), s.path("maximumRecordAgeSeconds").asInt(),
                s.path("reportBatchItemFailures").asBoolean(), s.path("tumblingWindowSeconds").asInt(), patterns,
                s.hasNonNull("onFailureDestination") ? s.path("onFailureDestination").asText() : null,
                s.path("enabled").asBoolean());
        Map<String, String> tags = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("tags").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            tags.put(tag.getKey(), tag.getValue().asText());
        }
        return new EventSourceMapping(text(root, "uuid", key), text(root, "account", key),
                text(root, "region", key), text(root, "functionArn", key), text(root, "eventSourceArn", key),
                settings, MappingState.valueOf(text(root, "state", key)), root.path("stateTransitionReason").asText(),
                root.path("lastModifiedMillis").asLong(), tags);
    }

    private static String text(JsonNode root, String field, String key) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalStateException("event source mapping " + key + " has no " + field + ": damaged");
        }
        return node.asText();
    }
}
