package io.sluice.engine;

/**
 * ListShards' ShardFilter. {@code shardId} is set for AFTER_SHARD_ID, {@code timestampMillis} for AT_TIMESTAMP and
 * FROM_TIMESTAMP (-1 otherwise).
 */
public record ShardFilter(Type type, String shardId, long timestampMillis) {

    public enum Type {
        AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP
    }
}
