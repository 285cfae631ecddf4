package io.sluice.firehose.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.config.ColumnarSerializer;
import io.sluice.firehose.config.DataFormatConversion;
import io.sluice.firehose.config.JsonDeserializer;
import org.apache.orc.TypeDescription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a batch of JSON records into one Parquet or ORC file in the columns of the configured Glue table, read
 * from {@link TableSchemas} for every batch (a table changed since is seen, as in AWS). A record whose JSON does not
 * fit the table is left out of the file and reported, with its error, for the error output. Thread-safe.
 */
public final class RecordConverter {

    /** A record left out: its index in the batch, and why. */
    public record Failure(int index, String errorCode, String errorMessage) {
    }

    /**
     * A converted batch.
     *
     * @param file the file's bytes, or null when no record converted
     */
    public record Converted(byte[] file, int rows, List<Failure> failures) {
    }

    private final TableRef table;
    private final TableSchemas schemas;
    private final JsonObjects json = new JsonObjects();
    private final ValueReader values;
    private final ColumnarWriter writer;

    public RecordConverter(DataFormatConversion config, TableSchemas schemas) {
        this.table = config.schema().table();
        this.schemas = schemas;
        this.values = new ValueReader(KeyMatching.of(config.deserializer()), switch (config.deserializer()) {
            case JsonDeserializer.OpenX openX -> TimestampReader.openX();
            case JsonDeserializer.Hive hive -> TimestampReader.hive(hive.timestampFormats());
        });
        this.writer = switch (config.serializer()) {
            case ColumnarSerializer.Parquet parquet -> new ParquetWriting(parquet);
            case ColumnarSerializer.Orc orc -> new OrcWriting(orc);
        };
    }

    /** The table records are converted into. */
    public TableRef table() {
        return table;
    }

    /**
     * Converts {@code records}.
     *
     * @throws ConversionException when no record can be converted: the table cannot be read
     *                             ({@code DataFormatConversion.<catalog error>}) or has no usable columns
     */
    public Converted convert(List<byte[]> records) throws ConversionException {
        TypeDescription columns = columns();
        List<Object[]> rows = new ArrayList<>(records.size());
        List<Failure> failures = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < records.size(); i++) {
            byte[] record = records.get(i);
            bytes += record.length;
            try {
                List<JsonNode> objects = json.read(record);
                List<Object[]> recordRows = new ArrayList<>(objects.size());
                for (JsonNode object : objects) {
                    recordRows.add(values.struct(columns, object));
                }
                rows.addAll(recordRows);
            } catch (ConversionException e) {
                failures.add(new Failure(i, e.code(), e.getMessage()));
            }
        }
        if (rows.isEmpty()) {
            return new Converted(null, 0, failures);
        }
        try {
            return new Converted(writer.write(columns, rows, bytes), rows.size(), failures);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a columnar file in memory or a temporary file failed", e);
        }
    }

    private TypeDescription columns() throws ConversionException {
        try {
            return HiveTypes.table(schemas.table(table));
        } catch (SchemaUnavailableException e) {
            String code = e.errorCode().endsWith("Exception")
                    ? e.errorCode().substring(0, e.errorCode().length() - "Exception".length()) : e.errorCode();
            throw new ConversionException("DataFormatConversion." + code, e.getMessage());
        }
    }
}
