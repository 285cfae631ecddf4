package io.sluice.firehose;

import io.sluice.firehose.delivery.iceberg.IcebergCatalogs;
import io.sluice.firehose.source.MskClusters;
import io.sluice.storage.LogConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the delivery engine, validated when built.
 *
 * @param dataDir             where the engine keeps {@code meta/} (delivery streams, checkpoints) and
 *                            {@code buffers/} (the durable buffers)
 * @param createDelayMillis   how long a new delivery stream stays CREATING (and encryption ENABLING/DISABLING)
 * @param deleteDelayMillis   how long a deleted delivery stream stays DELETING before it and its buffer are gone
 * @param bufferLog           segment settings of the durable buffers; fsync there decides whether an
 *                            acknowledged put survives a machine crash (it always survives a process crash)
 * @param maxDeliveryStreams  delivery streams allowed per account and region (AWS's default quota: 5000)
 * @param maxInMemoryBytes    how many bytes of records a delivery stream holds in memory (open buffers and batches
 *                            awaiting delivery) before it stops reading its durable buffer until some are delivered
 * @param requestTimeout      how long an HTTP endpoint or a transformation function may take to answer (AWS: 3
 *                            minutes for endpoints)
 * @param maxRecordAgeMillis  records that could not be delivered to S3 for this long after they arrived are
 *                            dropped, as AWS drops DirectPut data after 24 hours of retries
 * @param mskClusters         the Kafka clusters MSKAsSource delivery streams may read
 * @param icebergCatalogs     the Iceberg catalog Iceberg destinations write through
 */
public record FirehoseConfig(Path dataDir, long createDelayMillis, long deleteDelayMillis, LogConfig bufferLog,
                             int maxDeliveryStreams, long maxInMemoryBytes, Duration requestTimeout,
                             long maxRecordAgeMillis, MskClusters mskClusters,
                             IcebergCatalogs icebergCatalogs) {

    public FirehoseConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bufferLog, "bufferLog");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(mskClusters, "mskClusters");
        Objects.requireNonNull(icebergCatalogs, "icebergCatalogs");
        if (createDelayMillis < 0 || deleteDelayMillis < 0) {
            throw new IllegalArgumentException("status delays must not be negative");
        }
        if (maxDeliveryStreams < 1) {
            throw new IllegalArgumentException("maxDeliveryStreams must be at least 1");
        }
        if (maxInMemoryBytes < 1 << 20) {
            throw new IllegalArgumentException("maxInMemoryBytes must be at least 1 MiB");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || maxRecordAgeMillis <= 0) {
            throw new IllegalArgumentException("timeouts and record age must be positive");
        }
    }

    /**
     * AWS's numbers: 500 ms status delays, 5000 delivery streams, 3-minute request timeout, 24-hour record age;
     * 16 MiB buffer segments (delivered segments are deleted whole), fsync on, 256 MiB in memory per stream.
     */
    public static FirehoseConfig defaults(Path dataDir) {
        return new FirehoseConfig(dataDir, 500, 500,
                new LogConfig(16L << 20, Duration.ofHours(1).toMillis(), 4096, true), 5000, 256L << 20,
                Duration.ofMinutes(3), Duration.ofHours(24).toMillis(), MskClusters.NONE, IcebergCatalogs.NONE);
    }

    public FirehoseConfig withStatusDelays(long createMillis, long deleteMillis) {
        return new FirehoseConfig(dataDir, createMillis, deleteMillis, bufferLog, maxDeliveryStreams,
                maxInMemoryBytes, requestTimeout, maxRecordAgeMillis, mskClusters, icebergCatalogs);
    }

    public FirehoseConfig withBufferLog(LogConfig log) {
        return new FirehoseConfig(dataDir, createDelayMillis, deleteDelayMillis, log, maxDeliveryStreams,
                maxInMemoryBytes, requestTimeout, maxRecordAgeMillis, mskClusters, icebergCatalogs);
    }

    public FirehoseConfig withMskClusters(MskClusters clusters) {
        return new FirehoseConfig(dataDir, createDelayMillis, deleteDelayMillis, bufferLog, maxDeliveryStreams,
                maxInMemoryBytes, requestTimeout, maxRecordAgeMillis, clusters, icebergCatalogs);
    }

    public FirehoseConfig withIcebergCatalogs(IcebergCatalogs catalogs) {
        return new FirehoseConfig(dataDir, createDelayMillis, deleteDelayMillis, bufferLog, maxDeliveryStreams,
                maxInMemoryBytes, requestTimeout, maxRecordAgeMillis, mskClusters, catalogs);
    }
}
