package io.sluice.server.http;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Makes the per-connection (HTTP/1.1) or per-stream (HTTP/2) request handler. {@code pages} are the plain GET
 * endpoints (health, metrics) by path; {@code cors} the browser origins allowed. Thread-safe.
 */
record RequestHandlerFactory(ApiService service, Map<String, Supplier<ApiResponse>> pages, Executor executor,
                             InFlight inFlight, CorsPolicy cors) {

    RequestHandler create() {
        return new RequestHandler(service, pages, executor, inFlight, cors);
    }
}
