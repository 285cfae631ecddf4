package io.sluice.server.glue;

import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

/** One Glue operation: reads its input, calls the catalogue, writes its output. Implementations are thread-safe. */
@FunctionalInterface
interface GlueAction {

    void handle(RequestContext context, WireObject input, ResponseWriter output);
}
