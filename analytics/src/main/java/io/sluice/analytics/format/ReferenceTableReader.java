package io.sluice.analytics.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a whole reference data object (an S3 object, CSV or JSON) into the rows of its in-application table, with
 * the reference source's {@link SourceSchema} and the same mapping and coercion rules as streaming input. JSON
 * objects may hold one or more top-level values (one per line, or concatenated), or a top-level array of rows.
 * Unlike a stream, a reference table has no error stream: the first row that fails fails the load, naming its
 * line. Immutable and thread-safe.
 */
public final class ReferenceTableReader {

    private final RecordParser parser;

    /**
     * @throws IllegalArgumentException with the reason, when the schema breaks KDA's rules
     */
    public ReferenceTableReader(SourceSchema schema) {
        this.parser = new RecordParser(schema);
    }

    /** The table's rows, in the object's order; each row's values follow the schema's columns. */
    public List<Object[]> read(byte[] object) throws ReferenceDataException {
        List<Object[]> rows = new ArrayList<>();
        if (parser.csv() != null) {
            readCsv(RecordParser.text(object), rows);
        } else {
            readJson(object, rows);
        }
        return rows;
    }

    private void readCsv(String text, List<Object[]> rows) throws ReferenceDataException {
        ReferenceDataException[] failure = new ReferenceDataException[1];
        parser.csv().scan(text, (row, fields, rowText, number) -> {
            if (failure[0] != null) {
                return;
            }
            if (row.error() != null) {
                failure[0] = new ReferenceDataException(number, row.error());
            } else {
                rows.add(row.values());
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private void readJson(byte[] object, List<Object[]> rows) throws ReferenceDataException {
        boolean elementsAreRows = parser.schema().rowPath.segments().isEmpty();
        try (JsonParser json = RecordParser.MAPPER.getFactory().createParser(object)) {
            JsonToken token = json.nextToken();
            while (token != null) {
                if (token == JsonToken.START_ARRAY && elementsAreRows) {
                    while (json.nextToken() != JsonToken.END_ARRAY) {
                        readValue(json, rows);
                    }
                } else {
                    readValue(json, rows);
                }
                token = json.nextToken();
            }
        } catch (JsonProcessingException e) {
            throw new ReferenceDataException(e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ReferenceDataException(0, "cannot be read: " + e.getMessage());
        }
    }

    private void readValue(JsonParser json, List<Object[]> rows) throws IOException, ReferenceDataException {
        int line = json.currentTokenLocation().getLineNr();
        JsonNode value = RecordParser.MAPPER.readTree(json);
        Collector collector = new Collector(rows);
        parser.tree().emit(value, collector, null);
        if (collector.error != null) {
            throw new ReferenceDataException(line, collector.error);
        }
    }

    /** Keeps the rows of one value and its first error. */
    private static final class Collector implements RowHandler {
        private final List<Object[]> rows;
        private String error;

        Collector(List<Object[]> rows) {
            this.rows = rows;
        }

        @Override
        public void row(Object[] values) {
            if (error == null) {
                rows.add(values);
            }
        }

        @Override
        public void error(String message, byte[] data) {
            if (error == null) {
                error = message;
            }
        }
    }
}
