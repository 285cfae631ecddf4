package io.sluice.engine;

import io.sluice.storage.ShardLog;

import java.util.Map;

/** A stream's current metadata and the open logs of its shards, keyed by shard index. Immutable snapshot. */
record OpenStream(StreamMeta meta, Map<Integer, ShardLog> logs) {

    OpenStream {
        logs = Map.copyOf(logs);
    }

    OpenStream with(StreamMeta newMeta) {
        return new OpenStream(newMeta, logs);
    }
}
