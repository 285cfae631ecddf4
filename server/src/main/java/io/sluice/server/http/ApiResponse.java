package io.sluice.server.http;

import java.util.Map;

/**
 * An API answer: status, body and its content type; {@code errorType} is set on errors (x-amzn-ErrorType). A
 * streamed answer (SubscribeToShard) has no body but a {@code streaming} producer that writes it chunk by chunk.
 * {@code headers} are further response headers (a console asset's caching and security headers), by name.
 */
public record ApiResponse(int status, String contentType, byte[] body, String errorType, StreamingBody streaming,
                          Map<String, String> headers) {

    public ApiResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ApiResponse(int status, String contentType, byte[] body, String errorType, StreamingBody streaming) {
        this(status, contentType, body, errorType, streaming, Map.of());
    }

    public ApiResponse(int status, String contentType, byte[] body, String errorType) {
        this(status, contentType, body, errorType, null, Map.of());
    }

    public static ApiResponse ok(String contentType, byte[] body) {
        return new ApiResponse(200, contentType, body, null, null);
    }

    public static ApiResponse streamed(String contentType, StreamingBody streaming) {
        return new ApiResponse(200, contentType, new byte[0], null, streaming);
    }
}
