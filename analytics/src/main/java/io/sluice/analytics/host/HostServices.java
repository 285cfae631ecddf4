package io.sluice.analytics.host;

import io.sluice.analytics.app.ObjectReader;
import io.sluice.analytics.program.SqlCompiler;
import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;

/**
 * What running applications use of the server: the stream engine (sources and destinations), the delivery
 * streams, the object store reference data is read from, Lambda functions over HTTP, the record formats, the SQL
 * compiler, the metrics, the clock (which stamps rowtime bounds) and where the last rows of each stream are kept
 * for a preview. Immutable; every part is thread-safe.
 */
public record HostServices(KinesisEngine kinesis, DeliveryStreams deliveryStreams, ObjectReader objects,
                           FunctionCaller functions, Formats formats, SqlCompiler compiler,
                           ApplicationMetrics metrics, Clock clock, RecentRows recentRows) {
}
