package io.sluice.server.http;

/**
 * Serves API calls. Called on a virtual thread per request, so it may block (on a group commit, say).
 * Implementations must be thread-safe and must not throw: every failure becomes an error response.
 */
@FunctionalInterface
public interface ApiService {

    ApiResponse handle(ApiRequest request);
}
