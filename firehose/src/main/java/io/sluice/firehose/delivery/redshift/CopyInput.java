package io.sluice.firehose.delivery.redshift;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns a batch's records into the rows and the options of one PostgreSQL {@code COPY ... FROM STDIN}, keeping
 * Redshift's meaning of the CopyOptions:
 * <ul>
 *   <li>text: PostgreSQL's text format with the same delimiter; without ESCAPE a backslash is a plain character
 *       in Redshift but an escape in PostgreSQL, so Sluice doubles each one (and the NULL AS string likewise,
 *       since PostgreSQL compares it before undoing escapes);</li>
 *   <li>CSV: PostgreSQL's CSV format with the same delimiter, quote and NULL AS;</li>
 *   <li>JSON 'auto': {@link JsonRows} maps each object's keys to the columns and writes CSV rows.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class CopyInput {

    /** Redshift's NULL AS default in text data. */
    private static final String TEXT_NULL = "\\N";

    private final CopyOptions options;

    public CopyInput(CopyOptions options) {
        this.options = options;
    }

    public boolean needsColumnNames() {
        return options.format() == CopyOptions.Format.JSON_AUTO;
    }

    /** The WITH (...) options of the COPY statement. */
    public String withOptions() {
        return switch (options.format()) {
            case TEXT -> {
                String nullAs = options.nullAs() == null ? TEXT_NULL : options.nullAs();
                yield "FORMAT text, DELIMITER " + literal(options.delimiter()) + ", NULL "
                        + literal(options.escape() ? nullAs : doubleBackslashes(nullAs));
            }
            case CSV -> "FORMAT csv, DELIMITER " + literal(options.delimiter()) + ", QUOTE " + literal(options.quote())
                    + (options.nullAs() == null ? "" : ", NULL " + literal(options.nullAs()));
            case JSON_AUTO -> "FORMAT csv";
        };
    }

    /**
     * The COPY input for {@code records} (the batch's records concatenated, uncompressed).
     *
     * @param columns the stored names of the columns loaded, in order (used by JSON 'auto' only)
     */
    public byte[] rows(byte[] records, List<String> columns) throws BadRowsException {
        return switch (options.format()) {
            case TEXT -> options.escape() ? records : doubleBackslashes(records);
            case CSV -> records;
            case JSON_AUTO -> new JsonRows(columns, options.ignoreCase()).toCsv(records);
        };
    }

    private static byte[] doubleBackslashes(byte[] records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(records.length + 16);
        for (byte b : records) {
            if (b == '\\') {
                out.write('\\');
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    private static String doubleBackslashes(String s) {
        return new String(doubleBackslashes(s.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static String literal(char c) {
        return literal(String.valueOf(c));
    }

    /** A standard SQL string literal (PostgreSQL's standard_conforming_strings: backslashes are plain). */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
