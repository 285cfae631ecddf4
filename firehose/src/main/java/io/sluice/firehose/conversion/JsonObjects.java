package io.sluice.firehose.conversion;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one record into the JSON objects it holds: one, or several concatenated ({@code {"a":1}{"a":2}}, with
 * or without whitespace between them), as Firehose accepts; a JSON array, a scalar or broken JSON is malformed
 * data. Thread-safe.
 */
final class JsonObjects {

    /** Decimals keep every digit: a decimal(30,5) column must not pass through a double. */
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    List<JsonNode> read(byte[] record) throws ConversionException {
        List<JsonNode> objects = new ArrayList<>(1);
        try (JsonParser parser = json.createParser(record)) {
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                if (token != JsonToken.START_OBJECT) {
                    throw new ConversionException(ConversionException.MALFORMED_DATA, token == JsonToken.START_ARRAY
                            ? "The record is a JSON array; records must be JSON objects, one or several "
                            + "concatenated, not an array of them."
                            : "The record is not a JSON object.");
                }
                objects.add(json.readTree(parser));
            }
        } catch (JsonProcessingException e) {
            throw new ConversionException(ConversionException.MALFORMED_DATA,
                    "The record is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConversionException(ConversionException.MALFORMED_DATA,
                    "The record could not be read: " + e.getMessage());
        }
        if (objects.isEmpty()) {
            throw new ConversionException(ConversionException.MALFORMED_DATA, "The record holds no JSON object.");
        }
        return objects;
    }
}
