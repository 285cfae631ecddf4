package io.sluice.server.http;

/**
 * An API call as the HTTP layer hands it on: the {@code X-Amz-Target}, the body and the headers the API layer
 * reads. The same for HTTP/1.1 and HTTP/2.
 */
public record ApiRequest(String target, String contentType, String authorization, byte[] body) {
}
