package io.sluice.analytics.program;

/**
 * Application code that cannot run: it does not parse, names a stream, column or function that does not exist,
 * or uses a construct Sluice does not support (named, never ignored). Carries the 1-based line and column of the
 * offending text where one is known (0 otherwise). The API answers it as {@code CodeValidationException}.
 */
public final class CodeValidationException extends Exception {

    private final int line;
    private final int column;
    private final String reason;

    public CodeValidationException(String reason, int line, int column) {
        super(line > 0 ? "SQL error at line " + line + ", column " + column + ": " + reason : reason, null, false,
                false);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without its position. */
    public String reason() {
        return reason;
    }
}
