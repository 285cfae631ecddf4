package io.sluice.analytics.format;

/**
 * A reference data object cannot be loaded with its schema: it is not valid JSON, or a row fails coercion. The
 * message names the line; the application answers it as {@code InvalidApplicationConfigurationException}.
 */
public final class ReferenceDataException extends Exception {

    private final int line;

    public ReferenceDataException(int line, String message) {
        super("Reference data line " + line + ": " + message, null, false, false);
        this.line = line;
    }

    /** The 1-based line (CSV: row) the failure is on. */
    public int line() {
        return line;
    }
}
