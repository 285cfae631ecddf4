package io.sluice.engine;

import io.sluice.engine.store.ShardLogHandle;

import java.util.Map;

/**
 * A stream's current metadata, the runtime state of its shards (keyed by shard index), its write gate and its
 * data keys, which live as long as the stream, and the router of its open shards. Immutable snapshot: a change of
 * metadata makes a new one with the same gate and key ring.
 */
record OpenStream(StreamMeta meta, Map<Integer, ShardRuntime> shards, WriteGate gate, KeyRing keys,
                  ShardRouter router) {

    OpenStream {
        shards = Map.copyOf(shards);
    }

    OpenStream(StreamMeta meta, Map<Integer, ShardRuntime> shards, WriteGate gate, KeyRing keys) {
        this(meta, shards, gate, keys, ShardRouter.of(meta));
    }

    OpenStream with(StreamMeta newMeta, Map<Integer, ShardRuntime> newShards) {
        return new OpenStream(newMeta, newShards, gate, keys);
    }

    ShardLogHandle log(int shardIndex) {
        ShardRuntime shard = shards.get(shardIndex);
        return shard == null ? null : shard.log();
    }
}
