package io.sluice.agent.parse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.sluice.agent.config.ProcessingOption.JsonFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a converted record's fields as JSON, COMPACT ({@code {"a":"b"}}) or PRETTYPRINT (Jackson's default pretty
 * printer), keeping the fields' order and writing absent values as null, as AWS's agent does. Thread-safe.
 */
final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private JsonText() {
    }

    static String write(Map<String, ?> fields, JsonFormat format) throws RecordConversionException {
        try {
            return (format == JsonFormat.PRETTYPRINT ? PRETTY : COMPACT).writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new RecordConversionException("cannot write the record as JSON: " + e.getOriginalMessage());
        }
    }

    /** Whether no name is repeated: then {@link #writeFields} writes field by field, without a map. */
    static boolean distinct(List<String> names) {
        return new HashSet<>(names).size() == names.size();
    }

    /**
     * The same JSON as {@link #write} of the map from {@code names} to {@code values} (null: absent), in order. With
     * {@code distinct} names ({@link #distinct}) it is written field by field with Jackson's generator: no map and no
     * serializer lookups, which is what a line costs most after its parsing at 100,000 lines/s. Repeated names go
     * through the map, so the last value is written at the first name's place, as AWS's agent writes them.
     */
    static String writeFields(List<String> names, boolean distinct, String[] values, JsonFormat format)
            throws RecordConversionException {
        if (!distinct) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                fields.put(names.get(i), values[i]);
            }
            return write(fields, format);
        }
        StringWriter out = new StringWriter(64 + 16 * names.size());
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            if (format == JsonFormat.PRETTYPRINT) {
                json.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            json.writeStartObject();
            for (int i = 0; i < names.size(); i++) {
                if (values[i] == null) {
                    json.writeNullField(names.get(i));
                } else {
                    json.writeStringField(names.get(i), values[i]);
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new RecordConversionException("cannot write the record as JSON: " + e.getMessage());
        }
        return out.toString();
    }
}
