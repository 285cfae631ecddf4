package io.sluice.server.kinesis;

import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireObject;

/** One Kinesis operation: reads its input, calls the engine, writes its output. Implementations are thread-safe. */
@FunctionalInterface
interface KinesisAction {

    void handle(RequestContext context, WireObject input, ResponseWriter output);
}
