package io.sluice.firehose.config;

/**
 * DynamicPartitioningConfiguration: when enabled, records are buffered and delivered per distinct set of
 * partition keys (from MetadataExtraction or the Lambda's {@code metadata.partitionKeys}).
 *
 * @param retryDurationSeconds how long delivery to S3 is retried before the records go to the error prefix
 */
public record DynamicPartitioning(boolean enabled, int retryDurationSeconds) {

    public static final int DEFAULT_RETRY_SECONDS = 300;
    public static final DynamicPartitioning DISABLED = new DynamicPartitioning(false, DEFAULT_RETRY_SECONDS);
}
