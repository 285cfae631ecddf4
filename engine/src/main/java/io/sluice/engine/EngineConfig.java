package io.sluice.engine;

import io.sluice.engine.limits.LimitSettings;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings of the stream engine, validated when built.
 *
 * @param createDelayMillis   how long a new stream stays CREATING
 * @param updateDelayMillis   how long a stream stays UPDATING after a reshard or mode change
 * @param deleteDelayMillis   how long a deleted stream stays DELETING before it is gone
 * @param iteratorTtlMillis   how long a shard iterator stays valid (AWS: 5 minutes)
 * @param nextTokenTtlMillis  how long a pagination token stays valid (AWS: 5 minutes)
 * @param shardLimit          open shards allowed per account and region (AWS default: 500 in most regions)
 * @param retentionCheckMillis how often retention looks for expired segments
 * @param limits              throughput and call-rate limits (AWS's numbers by default)
 * @param masterKeyFile       the operator's master key for encryption at rest, or null to keep one in the data
 *                            directory
 * @param kmsKeys             KMS key ids and aliases that exist besides {@code alias/aws/kinesis}
 */
public record EngineConfig(long createDelayMillis, long updateDelayMillis, long deleteDelayMillis,
                           long iteratorTtlMillis, long nextTokenTtlMillis, int shardLimit, long retentionCheckMillis,
                           LimitSettings limits, Path masterKeyFile, List<String> kmsKeys) {

    public EngineConfig {
        if (createDelayMillis < 0 || updateDelayMillis < 0 || deleteDelayMillis < 0) {
            throw new IllegalArgumentException("status delays must not be negative");
        }
        if (iteratorTtlMillis <= 0 || nextTokenTtlMillis <= 0 || retentionCheckMillis <= 0) {
            throw new IllegalArgumentException("time-to-live and check intervals must be positive");
        }
        if (shardLimit < 1) {
            throw new IllegalArgumentException("shard limit must be at least 1");
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits are required");
        }
        kmsKeys = List.copyOf(kmsKeys);
    }

    public static EngineConfig defaults() {
        return new EngineConfig(500, 500, 500, 300_000, 300_000, 500, 30_000, LimitSettings.aws(), null, List.of());
    }

    /** The same settings with other CREATING, UPDATING and DELETING delays. */
    public EngineConfig withStatusDelays(long createMillis, long updateMillis, long deleteMillis) {
        return new EngineConfig(createMillis, updateMillis, deleteMillis, iteratorTtlMillis, nextTokenTtlMillis,
                shardLimit, retentionCheckMillis, limits, masterKeyFile, kmsKeys);
    }

    /** The same settings under other throughput limits. */
    public EngineConfig withLimits(LimitSettings newLimits) {
        return new EngineConfig(createDelayMillis, updateDelayMillis, deleteDelayMillis, iteratorTtlMillis,
                nextTokenTtlMillis, shardLimit, retentionCheckMillis, newLimits, masterKeyFile, kmsKeys);
    }
}
