package io.sluice.engine;

import io.sluice.common.ShardId;

/**
 * What the engine reports as records flow, for metrics. Called on request threads, often concurrently, after the
 * fact; implementations must be thread-safe and cheap. {@code shardLevel} says whether enhanced monitoring is on
 * for the stream, i.e. whether per-shard figures should be published.
 */
public interface StreamObserver {

    StreamObserver NONE = new StreamObserver() {
    };

    default void recordsPut(StreamMeta stream, ShardId shard, int records, long bytes) {
    }

    default void writesThrottled(StreamMeta stream, ShardId shard, int records) {
    }

    default void recordsRead(StreamMeta stream, ShardId shard, int records, long bytes, long millisBehindLatest) {
    }

    default void readThrottled(StreamMeta stream, ShardId shard) {
    }
}
