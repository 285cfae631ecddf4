package io.sluice.firehose.delivery;

/**
 * A delivery attempt that failed, with the error code that goes into error records. {@code permanent} failures
 * (an HTTP endpoint's 413) are not retried. Expected outcome of talking to other systems: no stack trace.
 */
public final class DeliveryException extends Exception {

    private final String code;
    private final boolean permanent;

    public DeliveryException(String code, String message, boolean permanent) {
        super(message, null, false, false);
        this.code = code;
        this.permanent = permanent;
    }

    public String code() {
        return code;
    }

    public boolean permanent() {
        return permanent;
    }
}
