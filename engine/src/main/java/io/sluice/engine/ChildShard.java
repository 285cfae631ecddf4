package io.sluice.engine;

import io.sluice.common.HashKeyRange;
import io.sluice.common.ShardId;

import java.util.List;

/** A shard that took over from a closed one, as GetRecords reports it at the parent's end. */
public record ChildShard(ShardId shardId, List<ShardId> parentShards, HashKeyRange range) {
}
