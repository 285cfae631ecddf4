package io.sluice.protocol;

/** The body of an error response: {@code {"__type": ..., "message": ...}} in the request's format. */
public final class ErrorBody {

    private ErrorBody() {
    }

    public static byte[] encode(WireFormat format, String type, String message) {
        return new ResponseWriter(format).string("__type", type).string("message", message).finish();
    }
}
