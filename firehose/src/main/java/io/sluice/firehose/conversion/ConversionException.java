package io.sluice.firehose.conversion;

/**
 * A record, or a whole batch, that could not be converted, with the {@code DataFormatConversion.*} error code that
 * goes into its error record as {@code lastErrorCode}. An expected outcome of bad input: no stack trace.
 */
public final class ConversionException extends Exception {

    /** The record is not JSON objects, or a value does not fit its column's type. */
    public static final String MALFORMED_DATA = "DataFormatConversion.MalformedData";
    /** The table's columns cannot be converted to (no columns, or a type that is not a Hive type). */
    public static final String INVALID_SCHEMA = "DataFormatConversion.InvalidSchema";

    private final String code;

    public ConversionException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
