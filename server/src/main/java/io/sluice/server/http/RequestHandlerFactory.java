package io.sluice.server.http;

import java.util.concurrent.Executor;

/** Makes the per-connection (HTTP/1.1) or per-stream (HTTP/2) request handler. Thread-safe. */
record RequestHandlerFactory(ApiService service, Executor executor, InFlight inFlight) {

    RequestHandler create() {
        return new RequestHandler(service, executor, inFlight);
    }
}
