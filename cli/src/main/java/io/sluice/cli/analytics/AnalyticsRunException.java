package io.sluice.cli.analytics;

/**
 * What {@code sluice analytics run} was given that cannot be used (a file, an option); the message names it and
 * says why.
 */
public final class AnalyticsRunException extends Exception {

    public AnalyticsRunException(String message) {
        super(message, null, false, false);
    }
}
