package io.sluice.firehose.delivery.redshift;

/** A batch whose records cannot be turned into rows (JSON 'auto' over something that is not JSON objects). */
public final class BadRowsException extends Exception {

    public BadRowsException(String message) {
        super(message, null, false, false);
    }
}
