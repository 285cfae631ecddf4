package io.sluice.analytics.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns the records of a streaming source into rows of its in-application stream, as the input's
 * {@link SourceSchema} says (KDA's {@code sch-mapping} and {@code about-json-path}). JSON: the row path selects the
 * row(s), each column's JSONPath its value; the common schema (row path {@code $}, plain member paths) is read in
 * one streaming pass, other schemas through a tree. CSV: the row delimiter splits a record into rows, the column
 * delimiter a row into positional fields. Values are coerced by {@link ValueCoercer}'s rules; a row that fails
 * goes to the handler as an error and the next row is read. Records are UTF-8.
 *
 * <p>Immutable and thread-safe: one parser serves every shard of an input.
 */
public final class RecordParser {

    /**
     * Reads floats exactly, trailing zeros kept (DECIMAL columns keep every digit, and a number read as text is
     * spelled as in the record on both read paths). Thread-safe once configured.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final CompiledSchema schema;
    private final JsonStreamRows stream;
    private final JsonTreeRows tree;
    private final CsvRows csv;

    /**
     * @throws IllegalArgumentException with the reason, when the schema breaks KDA's rules (see {@link #validate})
     */
    public RecordParser(SourceSchema schema) {
        this(CompiledSchema.compile(schema, false));
    }

    RecordParser(CompiledSchema schema) {
        this.schema = schema;
        boolean json = schema.format == RecordFormatType.JSON;
        this.stream = json && schema.streamable() ? new JsonStreamRows(schema, MAPPER) : null;
        this.tree = json ? new JsonTreeRows(schema) : null;
        this.csv = json ? null : new CsvRows(schema);
    }

    /**
     * Checks a schema the way KDA does when an input or reference data source is configured: UTF-8 encoding, 1 to
     * 1,000 uniquely named columns of column types, a RecordRowPath and a supported JSONPath mapping per column
     * for JSON (at most one flattened array), non-empty and distinct delimiters for CSV.
     *
     * @throws IllegalArgumentException with the reason
     */
    public static void validate(SourceSchema schema) {
        CompiledSchema.compile(schema, false);
    }

    /** Reads one record, handing each row or error to {@code handler} in order. */
    public void parse(byte[] record, RowHandler handler) {
        if (csv != null) {
            csv.parse(text(record), handler);
        } else if (stream != null) {
            stream.parse(record, handler);
        } else {
            parseTree(record, handler);
        }
    }

    private void parseTree(byte[] record, RowHandler handler) {
        try (var parser = MAPPER.getFactory().createParser(record)) {
            if (parser.nextToken() == null) {
                handler.error("Record is empty", record);
                return;
            }
            do {
                JsonNode value = MAPPER.readTree(parser);
                tree.emit(value, handler, record);
            } while (parser.nextToken() != null);
        } catch (JsonProcessingException e) {
            handler.error("Record is not valid JSON: " + e.getOriginalMessage(), record);
        } catch (IOException e) {
            handler.error("Record cannot be read: " + e.getMessage(), record);
        }
    }

    /** UTF-8 text of a record, without a byte order mark. */
    static String text(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    CompiledSchema schema() {
        return schema;
    }

    JsonTreeRows tree() {
        return tree;
    }

    CsvRows csv() {
        return csv;
    }
}
