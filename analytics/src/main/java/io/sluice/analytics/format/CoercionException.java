package io.sluice.analytics.format;

/**
 * A source value cannot be converted to its column's SQL type: the row goes to {@code error_stream} (or, for
 * reference data, the load fails). Carries no stack trace: it is an expected outcome on bad data, not a bug.
 */
final class CoercionException extends Exception {

    CoercionException(String message) {
        super(message, null, false, false);
    }
}
