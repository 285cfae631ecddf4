package io.sluice.engine;

import io.sluice.engine.limits.ShardThroughput;
import io.sluice.storage.ShardLog;

/**
 * What a shard has while the server runs: its log, its throughput budget, its ingest meter, and the signal that
 * wakes its fan-out subscriptions.
 */
record ShardRuntime(ShardLog log, ShardThroughput budget, IngestMeter ingest, ShardSignal signal) {
}
