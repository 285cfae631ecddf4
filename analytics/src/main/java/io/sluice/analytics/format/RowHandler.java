package io.sluice.analytics.format;

/**
 * Receives what {@link RecordParser} makes of one record, on the calling thread: each row's values (in the
 * schema's column order, in the representation of {@link io.sluice.analytics.type.SqlTypeName}; the array is the
 * receiver's to keep), or for a row that cannot be read, the reason and the raw data it came from (the whole
 * record for JSON, the row's text for CSV) so the application can route it to {@code error_stream}.
 */
public interface RowHandler {

    void row(Object[] values);

    void error(String message, byte[] data);
}
