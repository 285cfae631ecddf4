package io.sluice.kafka.testkit;

/**
 * A broker that could not be started, did not become ready in time, or could not be stopped. The message carries
 * the end of the broker's log when there is one, so that a failing test shows why. Immutable.
 */
public final class KafkaBrokerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaBrokerException(String message) {
        super(message);
    }

    public KafkaBrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
