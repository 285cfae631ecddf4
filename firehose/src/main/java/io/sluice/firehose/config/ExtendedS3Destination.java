package io.sluice.firehose.config;

import java.util.Objects;

/**
 * An ExtendedS3 destination (the deprecated S3 destination is one without processing, backup or partitioning).
 *
 * @param backup         the S3BackupConfiguration, or null; with {@code backupEnabled} every source record is
 *                       also delivered, untransformed, to it
 * @param fileExtension  the FileExtension, or null for the compression's own extension
 * @param customTimeZone the CustomTimeZone for prefixes and object names, or null for UTC
 * @param dataFormatConversion the DataFormatConversionConfiguration, or null (and in JSON persisted before it
 *                       existed) for none
 */
public record ExtendedS3Destination(S3Settings s3, Processing processing, boolean backupEnabled, S3Settings backup,
                                    DynamicPartitioning dynamicPartitioning, String fileExtension,
                                    String customTimeZone, DataFormatConversion dataFormatConversion)
        implements DestinationConfig {

    /** A destination without format conversion. */
    public ExtendedS3Destination(S3Settings s3, Processing processing, boolean backupEnabled, S3Settings backup,
                                 DynamicPartitioning dynamicPartitioning, String fileExtension,
                                 String customTimeZone) {
        this(s3, processing, backupEnabled, backup, dynamicPartitioning, fileExtension, customTimeZone, null);
    }

    public ExtendedS3Destination {
        Objects.requireNonNull(s3, "s3");
        processing = processing == null ? Processing.NONE : processing;
        dynamicPartitioning = dynamicPartitioning == null ? DynamicPartitioning.DISABLED : dynamicPartitioning;
    }

    @Override
    public BufferingHints bufferingHints() {
        return s3.bufferingHints();
    }

    /** Whether records are converted to Parquet or ORC before delivery. */
    public boolean converts() {
        return dataFormatConversion != null && dataFormatConversion.active();
    }
}
