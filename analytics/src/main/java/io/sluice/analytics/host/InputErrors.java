package io.sluice.analytics.host;

import io.sluice.analytics.program.ErrorRow;

import java.util.HexFormat;

/**
 * The error_stream rows the host writes for input records, shared with offline runners (the CLI's
 * {@code analytics run}) so both report a record that does not fit the schema the same way.
 *
 * <p><b>Threading</b>: stateless.
 */
public final class InputErrors {

    /**
     * error_stream's ERROR_NAME for a record that does not fit the input schema: KDA documents no name for it,
     * this is the name the runtime gives data errors too.
     */
    public static final String INPUT_ERROR = "Data Exception";
    /** error_stream's DATA_ROW is VARCHAR(49152): the first half of that many bytes, in hex. */
    private static final int MAX_DATA_ROW_BYTES = 24_576;

    private InputErrors() {
    }

    /** The row for a part of a record that could not be decoded, at {@code errorTime}, arriving at {@code rowtime}. */
    public static ErrorRow undecodable(long errorTime, String message, long rowtime, byte[] data) {
        return new ErrorRow(errorTime, "ERROR", INPUT_ERROR, message, rowtime, hex(data), null);
    }

    /** A record's data as error_stream's DATA_ROW holds it: hex, cut to the column's size. */
    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(data, 0, Math.min(data.length, MAX_DATA_ROW_BYTES));
    }
}
