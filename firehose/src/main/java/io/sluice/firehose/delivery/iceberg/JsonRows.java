package io.sluice.firehose.delivery.iceberg;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a JSON object into a row of an Iceberg schema, in the value classes of Iceberg's generic data model. A
 * column matches the member of the same name, or failing that the member whose name differs only in case; members
 * without a column are ignored; an absent or null member leaves an optional column null and fails a required one.
 * Primitive values are read by {@link JsonValues}. Stateless and thread-safe.
 */
final class JsonRows {

    private JsonRows() {
    }

    static Record row(JsonNode json, Schema schema) throws RecordMismatchException {
        if (json == null || !json.isObject()) {
            throw new RecordMismatchException(RecordMismatchException.INVALID_VALUE,
                    "The record is not a JSON object.");
        }
        return struct(json, schema.asStruct(), "");
    }

    private static Record struct(JsonNode json, Types.StructType type, String path)
            throws RecordMismatchException {
        GenericRecord record = GenericRecord.create(type);
        for (Types.NestedField field : type.fields()) {
            String fieldPath = path + field.name();
            JsonNode value = member(json, field.name());
            if (value == null || value.isNull()) {
                if (field.isRequired()) {
                    throw new RecordMismatchException(RecordMismatchException.MISSING_COLUMN,
                            "The record has no value for the required column " + fieldPath + ".");
                }
                continue;
            }
            record.setField(field.name(), value(value, field.type(), fieldPath));
        }
        return record;
    }

    private static JsonNode member(JsonNode json, String name) {
        JsonNode exact = json.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> members = json.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (member.getKey().equalsIgnoreCase(name)) {
                return member.getValue();
            }
        }
        return null;
    }

    private static Object value(JsonNode json, Type type, String path) throws RecordMismatchException {
        return switch (type.typeId()) {
            case STRUCT -> {
                requireShape(json.isObject(), "an object", path);
                yield struct(json, type.asStructType(), path + ".");
            }
            case LIST -> {
                requireShape(json.isArray(), "an array", path);
                Types.ListType list = type.asListType();
                List<Object> values = new ArrayList<>(json.size());
                for (JsonNode element : json) {
                    values.add(element(element, list.elementType(), list.isElementRequired(), path + "[]"));
                }
                yield values;
            }
            case MAP -> {
                requireShape(json.isObject(), "an object", path);
                Types.MapType map = type.asMapType();
                requireShape(map.keyType().isPrimitiveType(), "readable: its keys are not primitive", path);
                Map<Object, Object> values = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> members = json.fields();
                while (members.hasNext()) {
                    Map.Entry<String, JsonNode> member = members.next();
                    Object key = JsonValues.primitive(JsonValues.text(member.getKey()), map.keyType().asPrimitiveType(),
                            path + ".key");
                    values.put(key, element(member.getValue(), map.valueType(), map.isValueRequired(),
                            path + "." + member.getKey()));
                }
                yield values;
            }
            default -> JsonValues.primitive(json, type.asPrimitiveType(), path);
        };
    }

    private static Object element(JsonNode json, Type type, boolean required, String path)
            throws RecordMismatchException {
        if (json == null || json.isNull()) {
            if (required) {
                throw new RecordMismatchException(RecordMismatchException.INVALID_VALUE,
                        "A null value in " + path + ", whose elements are required.");
            }
            return null;
        }
        return value(json, type, path);
    }

    private static void requireShape(boolean ok, String shape, String path) throws RecordMismatchException {
        if (!ok) {
            throw new RecordMismatchException(RecordMismatchException.INVALID_VALUE,
                    "The value of " + path + " is not " + shape + ".");
        }
    }

    /** The bytes of a binary value sent as a string: base64 (basic, MIME or URL-safe), as AWS accepts. */
    static ByteBuffer bytes(String text) {
        for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder(), Base64.getMimeDecoder())) {
            try {
                return ByteBuffer.wrap(decoder.decode(text));
            } catch (IllegalArgumentException notThisAlphabet) {
                // the next alphabet may read it
            }
        }
        throw new IllegalArgumentException("not base64");
    }

    static BigDecimal decimal(JsonNode json) {
        return json.isNumber() ? json.decimalValue() : new BigDecimal(json.asText());
    }
}
