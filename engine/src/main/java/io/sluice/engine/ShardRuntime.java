package io.sluice.engine;

import io.sluice.engine.limits.ShardThroughput;
import io.sluice.engine.store.ShardLogHandle;

/**
 * What a shard has while the server runs: its log, its throughput budget, its ingest meter, and the signal that
 * wakes its fan-out subscriptions.
 */
record ShardRuntime(ShardLogHandle log, ShardThroughput budget, IngestMeter ingest, ShardSignal signal) {
}
