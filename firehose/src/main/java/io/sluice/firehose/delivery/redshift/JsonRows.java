package io.sluice.firehose.delivery.redshift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redshift's {@code JSON 'auto'}: the records are JSON objects, one after the other (newlines or nothing
 * between them); each object is a row whose columns take the values of the keys of the same name (any case with
 * {@code 'auto ignorecase'}). Absent keys and JSON null load NULL, strings their text, numbers and booleans their
 * JSON text, nested objects and arrays their JSON. Rows come out as PostgreSQL CSV: every value quoted, NULL as
 * an unquoted empty field. Immutable; thread-safe.
 */
final class JsonRows {

    private static final ObjectReader READER = new ObjectMapper().readerFor(JsonNode.class);

    private final List<String> columns;
    private final boolean ignoreCase;

    JsonRows(List<String> columns, boolean ignoreCase) {
        this.columns = List.copyOf(columns);
        this.ignoreCase = ignoreCase;
    }

    byte[] toCsv(byte[] records) throws BadRowsException {
        StringBuilder out = new StringBuilder(records.length + records.length / 4);
        try (MappingIterator<JsonNode> values = READER.readValues(records)) {
            long row = 0;
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                row++;
                if (!value.isObject()) {
                    throw new BadRowsException("JSON 'auto' record " + row + " is not a JSON object: "
                            + abbreviate(value.toString()));
                }
                appendRow(out, keys(value));
            }
        } catch (JsonProcessingException e) {
            throw new BadRowsException("Invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRowsException("Invalid JSON: " + e.getMessage());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, JsonNode> keys(JsonNode object) {
        Map<String, JsonNode> byName = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            byName.putIfAbsent(ignoreCase ? field.getKey().toLowerCase(Locale.ROOT) : field.getKey(),
                    field.getValue());
        }
        return byName;
    }

    private void appendRow(StringBuilder out, Map<String, JsonNode> byName) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String column = columns.get(i);
            JsonNode value = byName.get(ignoreCase ? column.toLowerCase(Locale.ROOT) : column);
            if (value == null || value.isNull()) {
                continue;
            }
            String text = value.isValueNode() ? value.asText() : value.toString();
            out.append('"').append(text.replace("\"", "\"\"")).append('"');
        }
        out.append('\n');
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
