package io.sluice.engine;

import io.sluice.common.SequenceNumber;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A stream as the metadata store keeps it. Immutable: every change makes a new one through {@link #toBuilder()}.
 *
 * @param createdAt         epoch millis of CreateStream
 * @param activeAt          epoch millis from which the stream is ACTIVE (CREATING before)
 * @param deletingAt        epoch millis of DeleteStream, or -1
 * @param updatingUntil     epoch millis until which the stream reports UPDATING after a change, or -1
 * @param nextShardIndex    the index the next new shard gets; indexes never repeat
 * @param encryptionKeyId   the KMS key id records are encrypted under, or null when encryption is off
 * @param shardLevelMetrics enhanced-monitoring metrics switched on
 * @param warmThroughputMiBps the warm throughput an ON_DEMAND stream was asked to keep ready (0 = none)
 * @param sequenceLayout    how the stream's sequence numbers are written, fixed at creation: streams created
 *                          before 56-digit numbers keep issuing their 38-digit ones. Every shard of the stream
 *                          carries it too (the constructor stamps it on them).
 */
public record StreamMeta(StreamKey key, long createdAt, long activeAt, long deletingAt, long updatingUntil,
                         int retentionHours, StreamMode mode, int maxRecordSizeKiB, int nextShardIndex,
                         List<ShardMeta> shards, Map<String, String> tags, String encryptionKeyId,
                         Set<String> shardLevelMetrics, int warmThroughputMiBps,
                         SequenceNumber.Layout sequenceLayout) {

    public StreamMeta {
        SequenceNumber.Layout layout = java.util.Objects.requireNonNull(sequenceLayout, "sequenceLayout");
        shards = shards.stream().map(shard -> shard.inLayout(layout)).toList();
        tags = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tags));
        shardLevelMetrics = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(shardLevelMetrics));
    }

    /** A new stream: its sequence numbers have the current layout. */
    public StreamMeta(StreamKey key, long createdAt, long activeAt, long deletingAt, long updatingUntil,
                      int retentionHours, StreamMode mode, int maxRecordSizeKiB, int nextShardIndex,
                      List<ShardMeta> shards, Map<String, String> tags, String encryptionKeyId,
                      Set<String> shardLevelMetrics, int warmThroughputMiBps) {
        this(key, createdAt, activeAt, deletingAt, updatingUntil, retentionHours, mode, maxRecordSizeKiB,
                nextShardIndex, shards, tags, encryptionKeyId, shardLevelMetrics, warmThroughputMiBps,
                SequenceNumber.Layout.AWS_56);
    }

    public StreamStatus status(long now) {
        if (deletingAt >= 0) {
            return StreamStatus.DELETING;
        }
        if (now < activeAt) {
            return StreamStatus.CREATING;
        }
        return now < updatingUntil ? StreamStatus.UPDATING : StreamStatus.ACTIVE;
    }

    public long retentionMillis() {
        return retentionHours * 3_600_000L;
    }

    public int openShardCount() {
        return (int) shards.stream().filter(ShardMeta::isOpen).count();
    }

    public List<ShardMeta> openShards() {
        return shards.stream().filter(ShardMeta::isOpen).toList();
    }

    public ShardMeta shard(int index) {
        for (ShardMeta shard : shards) {
            if (shard.id().index() == index) {
                return shard;
            }
        }
        return null;
    }

    /** The directory (relative to the log root) of this incarnation of the stream. */
    public String logDirectory() {
        return key.account() + "/" + key.region() + "/" + key.name() + "-" + createdAt;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A mutable copy for making the next version of a stream's metadata. Not thread-safe. */
    public static final class Builder {
        private final StreamKey key;
        private final long createdAt;
        private long activeAt;
        private long deletingAt;
        private long updatingUntil;
        private int retentionHours;
        private StreamMode mode;
        private int maxRecordSizeKiB;
        private int nextShardIndex;
        private List<ShardMeta> shards;
        private Map<String, String> tags;
        private String encryptionKeyId;
        private Set<String> shardLevelMetrics;
        private int warmThroughputMiBps;
        private final SequenceNumber.Layout sequenceLayout;

        private Builder(StreamMeta meta) {
            key = meta.key;
            createdAt = meta.createdAt;
            activeAt = meta.activeAt;
            deletingAt = meta.deletingAt;
            updatingUntil = meta.updatingUntil;
            retentionHours = meta.retentionHours;
            mode = meta.mode;
            maxRecordSizeKiB = meta.maxRecordSizeKiB;
            nextShardIndex = meta.nextShardIndex;
            shards = meta.shards;
            tags = meta.tags;
            encryptionKeyId = meta.encryptionKeyId;
            shardLevelMetrics = meta.shardLevelMetrics;
            warmThroughputMiBps = meta.warmThroughputMiBps;
            sequenceLayout = meta.sequenceLayout;
        }

        public Builder deletingAt(long value) {
            deletingAt = value;
            return this;
        }

        public Builder updatingUntil(long value) {
            updatingUntil = value;
            return this;
        }

        public Builder retentionHours(int value) {
            retentionHours = value;
            return this;
        }

        public Builder mode(StreamMode value) {
            mode = value;
            return this;
        }

        public Builder maxRecordSizeKiB(int value) {
            maxRecordSizeKiB = value;
            return this;
        }

        public Builder shards(List<ShardMeta> value, int nextIndex) {
            shards = value;
            nextShardIndex = nextIndex;
            return this;
        }

        public Builder tags(Map<String, String> value) {
            tags = value;
            return this;
        }

        public Builder encryptionKeyId(String value) {
            encryptionKeyId = value;
            return this;
        }

        public Builder shardLevelMetrics(Set<String> value) {
            shardLevelMetrics = value;
            return this;
        }

        public Builder warmThroughputMiBps(int value) {
            warmThroughputMiBps = value;
            return this;
        }

        public StreamMeta build() {
            return new StreamMeta(key, createdAt, activeAt, deletingAt, updatingUntil, retentionHours, mode,
                    maxRecordSizeKiB, nextShardIndex, shards, tags, encryptionKeyId, shardLevelMetrics,
                    warmThroughputMiBps, sequenceLayout);
        }
    }
}
