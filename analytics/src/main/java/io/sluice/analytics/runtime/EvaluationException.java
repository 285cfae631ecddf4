package io.sluice.analytics.runtime;

/**
 * A row that could not be evaluated: {@code errorName} is what {@code error_stream}'s ERROR_NAME column shows
 * (for example {@code Data Exception}), the message says what and where. Cheap: no stack trace.
 */
public final class EvaluationException extends RuntimeException {

    private final String errorName;

    public EvaluationException(String errorName, String message) {
        super(message, null, false, false);
        this.errorName = errorName;
    }

    public String errorName() {
        return errorName;
    }
}
