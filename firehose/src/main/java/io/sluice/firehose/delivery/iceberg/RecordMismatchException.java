package io.sluice.firehose.delivery.iceberg;

/**
 * A record that does not fit its destination table; it goes to the error output with {@code code}. Expected
 * outcome of bad input: no stack trace.
 */
public final class RecordMismatchException extends Exception {

    /** A column the table requires is absent from the record (AWS's error code). */
    static final String MISSING_COLUMN = "Iceberg.MissingColumnWithinRecord";
    /** The record is not a JSON object, or a value does not have its column's type. */
    static final String INVALID_VALUE = "Iceberg.InvalidRecordValue";
    /** A unique key column is not a top-level column of the table (AWS's error code). */
    static final String INVALID_UNIQUE_KEYS = "Iceberg.InvalidUniqueKeys";
    /** The record routes to a table the destination does not name. */
    static final String INVALID_ROUTE = "Iceberg.InvalidTableRouting";

    private final String code;

    RecordMismatchException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
