package io.sluice.agent.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.sluice.agent.config.ProcessingOption.JsonFormat;
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
}
