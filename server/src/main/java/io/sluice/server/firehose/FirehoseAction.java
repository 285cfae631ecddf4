package io.sluice.server.firehose;

import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

/** One Firehose operation: reads its input, calls the engine, writes its output. Implementations are thread-safe. */
@FunctionalInterface
interface FirehoseAction {

    void handle(RequestContext context, WireObject input, ResponseWriter output);
}
