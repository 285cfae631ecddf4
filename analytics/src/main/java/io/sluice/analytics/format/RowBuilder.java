package io.sluice.analytics.format;

/**
 * The values of one row as they are read, and the coercion failures among them. A column set twice (a JSON member
 * that repeats) keeps its last value or failure, as a tree would. The row's error is the failure of its first
 * failing column in schema order. Lenient builders (schema discovery's sample rows) keep no failures: a value that
 * fails is NULL, as KDA's ParsedInputRecords show a CSV header's numeric fields. One per row, confined to the
 * parsing thread.
 */
final class RowBuilder {

    private final Object[] values;
    private final boolean lenient;
    private String[] failures;

    RowBuilder(int columns, boolean lenient) {
        this.values = new Object[columns];
        this.lenient = lenient;
    }

    void set(int column, Object value) {
        values[column] = value;
        if (failures != null) {
            failures[column] = null;
        }
    }

    /** Forgets what a column was set to: a repeated JSON member replaces everything read under its first value. */
    void clear(int column) {
        set(column, null);
    }

    void fail(int column, CoercionException e) {
        values[column] = null;
        if (!lenient) {
            if (failures == null) {
                failures = new String[values.length];
            }
            failures[column] = e.getMessage();
        }
    }

    /** The message of the first failing column's failure, or null when every value converted. */
    String error() {
        if (failures != null) {
            for (String failure : failures) {
                if (failure != null) {
                    return failure;
                }
            }
        }
        return null;
    }

    Object[] values() {
        return values;
    }

    void emit(RowHandler handler, byte[] data) {
        String error = error();
        if (error != null) {
            handler.error(error, data);
        } else {
            handler.row(values);
        }
    }
}
