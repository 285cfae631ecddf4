package io.sluice.analytics.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Reads rows out of a parsed JSON value: the row path selects the row source (an array yields one row per
 * element), each column's path is evaluated relative to it, and a flattened array yields one row per element with
 * the other columns repeated (at least one row, its flattened columns NULL, when the array is empty or missing),
 * as {@code about-json-path} describes. Used when the paths need a tree (a row path other than {@code $}, or
 * {@code [0:]}), and for reference data. Immutable and thread-safe.
 */
final class JsonTreeRows {

    private final CompiledSchema schema;

    JsonTreeRows(CompiledSchema schema) {
        this.schema = schema;
    }

    /** Emits the rows of one top-level JSON value; {@code data} is what an error row carries. */
    void emit(JsonNode value, RowHandler handler, byte[] data) {
        if (!value.isContainerNode()) {
            handler.error("Record is not a JSON object or array", data);
            return;
        }
        List<JsonPath.Segment> rowSegments = schema.rowPath.segments();
        JsonNode rows = resolve(value, rowSegments, 0, rowSegments.size());
        if (rows == null) {
            handler.error("Record has no value at the row path " + schema.rowPath.text(), data);
            return;
        }
        if (rows.isArray()) {
            for (JsonNode row : rows) {
                emitRow(row, handler, data);
            }
        } else {
            emitRow(rows, handler, data);
        }
    }

    private void emitRow(JsonNode source, RowHandler handler, byte[] data) {
        int columns = schema.columnCount();
        if (schema.flattenAt < 0) {
            RowBuilder row = new RowBuilder(columns, schema.lenient);
            for (int c = 0; c < columns; c++) {
                List<JsonPath.Segment> path = schema.paths.get(c).segments();
                set(row, c, resolve(source, path, 0, path.size()));
            }
            row.emit(handler, data);
            return;
        }
        JsonNode array = resolve(source, schema.flattenedArray, 0, schema.flattenAt);
        int elements = array != null && array.isArray() ? array.size() : 0;
        for (int e = 0; e < Math.max(1, elements); e++) {
            JsonNode element = e < elements ? array.get(e) : null;
            RowBuilder row = new RowBuilder(columns, schema.lenient);
            for (int c = 0; c < columns; c++) {
                List<JsonPath.Segment> path = schema.paths.get(c).segments();
                JsonNode value = schema.flattened[c]
                        ? element == null ? null : resolve(element, path, schema.flattenAt + 1, path.size())
                        : resolve(source, path, 0, path.size());
                set(row, c, value);
            }
            row.emit(handler, data);
        }
    }

    private void set(RowBuilder row, int column, JsonNode value) {
        try {
            row.set(column, coerce(value, schema.coercers[column]));
        } catch (CoercionException e) {
            row.fail(column, e);
        }
    }

    /** The node at {@code segments[from, to)} below {@code node}, or null when nothing is there. */
    static JsonNode resolve(JsonNode node, List<JsonPath.Segment> segments, int from, int to) {
        JsonNode at = node;
        for (int i = from; i < to && at != null; i++) {
            JsonPath.Segment segment = segments.get(i);
            if (segment instanceof JsonPath.Member member) {
                at = at.isObject() ? at.get(member.name()) : null;
            } else if (segment instanceof JsonPath.Index index) {
                at = at.isArray() ? at.get(index.position()) : null;
            } else {
                at = at.isArray() ? at : null;
            }
        }
        return at;
    }

    static Object coerce(JsonNode value, ValueCoercer coercer) throws CoercionException {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isBoolean()) {
            return coercer.fromBoolean(value.booleanValue());
        }
        if (value.isNumber()) {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return coercer.fromLong(value.longValue());
            }
            return coercer.fromNumber(value.isBigDecimal() ? value.decimalValue().toString() : value.asText());
        }
        if (value.isTextual()) {
            return coercer.fromString(value.textValue());
        }
        if (value.isContainerNode()) {
            return coercer.fromStructure(value.toString());
        }
        return coercer.fromString(value.asText());
    }
}
