package io.sluice.engine;

import java.util.List;

/**
 * A stream as the metadata store keeps it. Immutable: every change makes a new one.
 *
 * @param createdAt        epoch millis of CreateStream
 * @param activeAt         epoch millis from which the stream is ACTIVE (CREATING before)
 * @param deletingAt       epoch millis of DeleteStream, or -1
 * @param nextShardIndex   the index the next new shard gets; indexes never repeat
 */
public record StreamMeta(StreamKey key, long createdAt, long activeAt, long deletingAt, int retentionHours,
                         StreamMode mode, int maxRecordSizeKiB, int nextShardIndex, List<ShardMeta> shards) {

    public StreamMeta {
        shards = List.copyOf(shards);
    }

    public StreamStatus status(long now) {
        if (deletingAt >= 0) {
            return StreamStatus.DELETING;
        }
        return now < activeAt ? StreamStatus.CREATING : StreamStatus.ACTIVE;
    }

    public long retentionMillis() {
        return retentionHours * 3_600_000L;
    }

    public int openShardCount() {
        return (int) shards.stream().filter(ShardMeta::isOpen).count();
    }

    public ShardMeta shard(int index) {
        for (ShardMeta shard : shards) {
            if (shard.id().index() == index) {
                return shard;
            }
        }
        return null;
    }

    public StreamMeta withRetentionHours(int hours) {
        return new StreamMeta(key, createdAt, activeAt, deletingAt, hours, mode, maxRecordSizeKiB, nextShardIndex,
                shards);
    }

    public StreamMeta withDeletingAt(long at) {
        return new StreamMeta(key, createdAt, activeAt, at, retentionHours, mode, maxRecordSizeKiB, nextShardIndex,
                shards);
    }

    /** The directory (relative to the log root) of this incarnation of the stream. */
    public String logDirectory() {
        return key.account() + "/" + key.region() + "/" + key.name() + "-" + createdAt;
    }
}
