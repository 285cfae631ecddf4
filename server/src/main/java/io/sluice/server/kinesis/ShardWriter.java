package io.sluice.server.kinesis;

import io.sluice.common.HashKeyRange;
import io.sluice.engine.ShardMeta;
import io.sluice.engine.StreamMeta;
import io.sluice.protocol.ResponseWriter;

/** Writes the structures that describe streams and shards. Stateless. */
final class ShardWriter {

    private ShardWriter() {
    }

    static void shard(ResponseWriter out, ShardMeta shard) {
        out.startObject().string("ShardId", shard.id().toString());
        if (shard.parent() != null) {
            out.string("ParentShardId", shard.parent().toString());
        }
        if (shard.adjacentParent() != null) {
            out.string("AdjacentParentShardId", shard.adjacentParent().toString());
        }
        hashKeyRange(out, shard.range());
        out.startObject("SequenceNumberRange")
                .string("StartingSequenceNumber", shard.startingSequenceNumber().format());
        if (!shard.isOpen()) {
            out.string("EndingSequenceNumber", shard.endingSequenceNumber().format());
        }
        out.endObject().endObject();
    }

    static void hashKeyRange(ResponseWriter out, HashKeyRange range) {
        out.startObject("HashKeyRange")
                .string("StartingHashKey", range.start().toString())
                .string("EndingHashKey", range.end().toString())
                .endObject();
    }

    static void streamMode(ResponseWriter out, StreamMeta meta) {
        out.startObject("StreamModeDetails").string("StreamMode", meta.mode().name()).endObject();
    }

    static void noEnhancedMonitoring(ResponseWriter out) {
        out.startArray("EnhancedMonitoring").startObject().startArray("ShardLevelMetrics").endArray().endObject()
                .endArray();
    }
}
