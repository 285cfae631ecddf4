package io.sluice.analytics.host;

import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.format.RecordParser;
import io.sluice.analytics.format.RecordWriter;
import io.sluice.analytics.format.ReferenceDataException;
import io.sluice.analytics.format.ReferenceTableReader;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.type.RowType;

import java.util.List;

/**
 * The host's formats over the analytics module's own: {@link RecordParser} for source records,
 * {@link RecordWriter} for destination records, {@link ReferenceTableReader} for reference objects.
 *
 * <p><b>Threading</b>: stateless and thread-safe.
 */
public final class KdaFormats implements Formats {

    @Override
    public Decoder decoder(SourceSchema schema) {
        RecordParser parser = new RecordParser(schema);
        return (record, handler) -> parser.parse(record, new io.sluice.analytics.format.RowHandler() {
            @Override
            public void row(Object[] values) {
                handler.row(values);
            }

            @Override
            public void error(String message, byte[] data) {
                handler.error(message, data);
            }
        });
    }

    @Override
    public Encoder encoder(RecordFormatType format, RowType columns) {
        return new RecordWriter(format, columns)::write;
    }

    @Override
    public List<Object[]> referenceTable(SourceSchema schema, byte[] object) {
        try {
            return new ReferenceTableReader(schema).read(object);
        } catch (ReferenceDataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
