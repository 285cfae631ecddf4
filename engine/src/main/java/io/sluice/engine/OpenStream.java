package io.sluice.engine;

import io.sluice.storage.ShardLog;

import java.util.Map;

/**
 * A stream's current metadata, the open logs of its shards (keyed by shard index) and its write gate, which lives
 * as long as the stream. Immutable snapshot: a change of metadata makes a new one with the same gate.
 */
record OpenStream(StreamMeta meta, Map<Integer, ShardLog> logs, WriteGate gate) {

    OpenStream {
        logs = Map.copyOf(logs);
    }

    OpenStream with(StreamMeta newMeta, Map<Integer, ShardLog> newLogs) {
        return new OpenStream(newMeta, newLogs, gate);
    }
}
