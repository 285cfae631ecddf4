package io.sluice.cli.bench;

/** A run that cannot go on, with a message for the person who started it (no stack trace is shown). */
final class BenchException extends RuntimeException {

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
