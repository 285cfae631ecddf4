package io.sluice.analytics.host;

import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.type.RowType;

import java.util.List;

/**
 * The record formats the host needs: decoding source records into rows, encoding output rows into records, and
 * reading a reference object into a table. {@link KdaFormats} implements them with the analytics module's
 * {@code RecordParser}, {@code RecordWriter} and {@code ReferenceTableReader}; the host only moves bytes and rows.
 *
 * <p><b>Threading</b>: implementations are thread-safe; the decoders and encoders they make are used by one
 * application task at a time.
 */
public interface Formats {

    Decoder decoder(SourceSchema schema);

    Encoder encoder(RecordFormatType format, RowType columns);

    /**
     * @return the table's rows, one value per schema column
     * @throws IllegalArgumentException when the object does not parse with the schema (the message says where)
     */
    List<Object[]> referenceTable(SourceSchema schema, byte[] object);

    /** Turns one source record (which may hold several rows) into rows, or errors for the rows that fail. */
    interface Decoder {
        void decode(byte[] record, RowHandler handler);
    }

    /** Receives what a decoder made of a record, in order. */
    interface RowHandler {
        /** A row with one value per schema column. */
        void row(Object[] values);

        /** A part of the record that could not become a row: why, and its raw data (for error_stream). */
        void error(String message, byte[] data);
    }

    /** Writes one output row (its visible columns) as one destination record. */
    interface Encoder {
        byte[] encode(Object[] values);
    }
}
