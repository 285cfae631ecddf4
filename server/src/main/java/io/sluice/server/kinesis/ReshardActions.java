package io.sluice.server.kinesis;

import io.sluice.engine.KinesisEngine;
import io.sluice.engine.StreamKey;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.math.BigInteger;
import java.util.List;

/** SplitShard, MergeShards and UpdateShardCount. Thread-safe. */
final class ReshardActions {

    private final KinesisEngine engine;

    ReshardActions(KinesisEngine engine) {
        this.engine = engine;
    }

    void split(RequestContext context, WireObject in, ResponseWriter out) {
        String shard = in.string("ShardToSplit");
        String key = in.string("NewStartingHashKey");
        StreamRefs.validate(new Validator(), in).required("shardToSplit", shard)
                .length("shardToSplit", shard, 1, 128).pattern("shardToSplit", shard, Validator.NAME)
                .required("newStartingHashKey", key).pattern("newStartingHashKey", key, Validator.HASH_KEY).check();
        engine.shards().split(StreamRefs.resolve(context, in), shard, new BigInteger(key));
    }

    void merge(RequestContext context, WireObject in, ResponseWriter out) {
        String shard = in.string("ShardToMerge");
        String adjacent = in.string("AdjacentShardToMerge");
        StreamRefs.validate(new Validator(), in).required("shardToMerge", shard)
                .length("shardToMerge", shard, 1, 128).pattern("shardToMerge", shard, Validator.NAME)
                .required("adjacentShardToMerge", adjacent).length("adjacentShardToMerge", adjacent, 1, 128)
                .pattern("adjacentShardToMerge", adjacent, Validator.NAME).check();
        engine.shards().merge(StreamRefs.resolve(context, in), shard, adjacent);
    }

    void updateShardCount(RequestContext context, WireObject in, ResponseWriter out) {
        Integer target = in.integer("TargetShardCount");
        String scaling = in.string("ScalingType");
        StreamRefs.validate(new Validator(), in).required("targetShardCount", target)
                .range("targetShardCount", target, 1, Integer.MAX_VALUE).required("scalingType", scaling)
                .oneOf("scalingType", scaling, List.of("UNIFORM_SCALING")).check();
        StreamKey key = StreamRefs.resolve(context, in);
        int current = engine.shards().updateShardCount(key, target);
        out.string("StreamName", key.name()).number("CurrentShardCount", current)
                .number("TargetShardCount", target).string("StreamARN", key.arn().toString());
    }
}
