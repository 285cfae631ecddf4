package io.sluice.server.kinesis;

import io.sluice.common.HashKeyRange;
import io.sluice.engine.ChildShard;
import io.sluice.engine.ReadRecord;
import io.sluice.engine.ShardMeta;
import io.sluice.engine.StreamMeta;
import io.sluice.engine.StreamMode;
import io.sluice.protocol.ResponseWriter;

import java.util.List;

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
        // a shard closed a moment ago has no end until it is sealed: it is listed as still open until then
        if (shard.isSealed()) {
            out.string("EndingSequenceNumber", shard.endingSequenceNumber().format());
        }
        out.endObject().endObject();
    }

    /** The {@code Records} list of GetRecords and SubscribeToShardEvent. */
    static void records(ResponseWriter out, List<ReadRecord> records) {
        out.startArray("Records");
        for (ReadRecord record : records) {
            out.startObject()
                    .sequenceNumber("SequenceNumber", record.sequenceNumber())
                    .timestamp("ApproximateArrivalTimestamp", record.arrivalMillis())
                    .blob("Data", record.data())
                    .string("PartitionKey", record.partitionKey())
                    .string("EncryptionType", record.encrypted() ? "KMS" : null)
                    .endObject();
        }
        out.endArray();
    }

    /** The {@code ChildShards} list at a closed shard's end; nothing when there are none. */
    static void childShards(ResponseWriter out, List<ChildShard> children) {
        if (children.isEmpty()) {
            return;
        }
        out.startArray("ChildShards");
        for (ChildShard child : children) {
            out.startObject().string("ShardId", child.shardId().toString()).startArray("ParentShards");
            child.parentShards().forEach(parent -> out.string(parent.toString()));
            out.endArray();
            hashKeyRange(out, child.range());
            out.endObject();
        }
        out.endArray();
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

    static void enhancedMonitoring(ResponseWriter out, StreamMeta meta) {
        out.startArray("EnhancedMonitoring").startObject();
        SettingsActions.writeMetrics(out, "ShardLevelMetrics", meta.shardLevelMetrics());
        out.endObject().endArray();
    }

    static void encryption(ResponseWriter out, StreamMeta meta) {
        out.string("EncryptionType", meta.encryptionKeyId() == null ? "NONE" : "KMS");
        out.string("KeyId", meta.encryptionKeyId());
    }

    /** On-demand streams report their warm throughput: the target asked for and what their open shards give now. */
    static void warmThroughput(ResponseWriter out, StreamMeta meta) {
        if (meta.mode() == StreamMode.ON_DEMAND) {
            out.startObject("WarmThroughput").number("TargetMiBps", meta.warmThroughputMiBps())
                    .number("CurrentMiBps", meta.openShardCount()).endObject();
        }
    }
}
