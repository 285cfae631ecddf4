package io.sluice.server.http;

/**
 * An API answer: status, body and its content type; {@code errorType} is set on errors (x-amzn-ErrorType). A
 * streamed answer (SubscribeToShard) has no body but a {@code streaming} producer that writes it chunk by chunk.
 */
public record ApiResponse(int status, String contentType, byte[] body, String errorType, StreamingBody streaming) {

    public ApiResponse(int status, String contentType, byte[] body, String errorType) {
        this(status, contentType, body, errorType, null);
    }

    public static ApiResponse ok(String contentType, byte[] body) {
        return new ApiResponse(200, contentType, body, null, null);
    }

    public static ApiResponse streamed(String contentType, StreamingBody streaming) {
        return new ApiResponse(200, contentType, new byte[0], null, streaming);
    }
}
