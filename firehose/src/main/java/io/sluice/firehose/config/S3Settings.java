package io.sluice.firehose.config;

import java.util.Objects;

/**
 * An S3DestinationConfiguration: where objects go, how they are named, buffered and compressed. Used for the
 * main bucket of an ExtendedS3 destination, its backup bucket, and the backup bucket of an HTTP endpoint.
 *
 * @param prefix            the key prefix ("" for AWS's default {@code YYYY/MM/dd/HH/})
 * @param errorOutputPrefix the key prefix of error output, or null for AWS's default
 * @param kmsKeyArn         the key of EncryptionConfiguration.KMSEncryptionConfig, or null for NoEncryption
 */
public record S3Settings(String roleArn, String bucketArn, String prefix, String errorOutputPrefix,
                         BufferingHints bufferingHints, Compression compression, String kmsKeyArn,
                         CloudWatchLogging logging) {

    private static final String ARN_PREFIX = ":::";

    public S3Settings {
        Objects.requireNonNull(bucketArn, "bucketArn");
        prefix = prefix == null ? "" : prefix;
        bufferingHints = bufferingHints == null ? BufferingHints.DEFAULT : bufferingHints;
        compression = compression == null ? Compression.UNCOMPRESSED : compression;
        logging = logging == null ? CloudWatchLogging.DISABLED : logging;
    }

    /** The bucket name: what follows {@code :::} in {@code arn:aws:s3:::bucket}. */
    public String bucket() {
        int at = bucketArn.lastIndexOf(ARN_PREFIX);
        return at < 0 ? bucketArn : bucketArn.substring(at + ARN_PREFIX.length());
    }
}
