package io.sluice.analytics.format;

/**
 * The values of one row as they are read, and the first coercion failure among them. Lenient builders (schema
 * discovery's sample parsing) record a failed value as NULL instead, as KDA's ParsedInputRecords show. One per
 * row, confined to the parsing thread.
 */
final class RowBuilder {

    private final Object[] values;
    private final boolean lenient;
    private String error;

    RowBuilder(int columns, boolean lenient) {
        this.values = new Object[columns];
        this.lenient = lenient;
    }

    void set(int column, Object value) {
        values[column] = value;
    }

    void fail(int column, CoercionException e) {
        values[column] = null;
        if (!lenient && error == null) {
            error = e.getMessage();
        }
    }

    /** The first failure's message, or null when every value converted. */
    String error() {
        return error;
    }

    Object[] values() {
        return values;
    }

    void emit(RowHandler handler, byte[] data) {
        if (error != null) {
            handler.error(error, data);
        } else {
            handler.row(values);
        }
    }
}
