package io.sluice.server.http;

/** An API answer: status, body and its content type; {@code errorType} is set on errors (x-amzn-ErrorType). */
public record ApiResponse(int status, String contentType, byte[] body, String errorType) {

    public static ApiResponse ok(String contentType, byte[] body) {
        return new ApiResponse(200, contentType, body, null);
    }
}
