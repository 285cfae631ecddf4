package io.sluice.server.analytics;

import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

/** One Kinesis Analytics operation: reads its input, calls the registry, writes its output. Thread-safe. */
@FunctionalInterface
interface AnalyticsAction {

    void handle(RequestContext context, WireObject input, ResponseWriter output);
}
