package io.sluice.agent.send;

/**
 * A batch request that failed as a whole: a network error, throttling, a 5xx, or an error that retrying cannot
 * fix (the stream does not exist, the request is invalid, access is denied).
 */
public final class SendException extends Exception {

    private final String errorCode;
    private final ErrorKind kind;

    public SendException(String errorCode, ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.kind = kind;
    }

    /** The service's error code, or the client exception's simple class name for errors without an answer. */
    public String errorCode() {
        return errorCode;
    }

    public ErrorKind kind() {
        return kind;
    }
}
