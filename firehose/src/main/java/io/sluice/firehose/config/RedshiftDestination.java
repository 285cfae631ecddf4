package io.sluice.firehose.config;

import java.util.Objects;

/**
 * A Redshift destination, delivered to PostgreSQL: batches are staged as objects in the intermediate bucket
 * {@code s3} (with a manifest each), then loaded with COPY into {@code copyCommand}'s table at {@code jdbcUrl}, and
 * retried for {@code retryDurationSeconds}; batches given up are listed in manifests under {@code errors/}.
 *
 * <p>Persisted as JSON in the delivery stream's metadata with the password in it, as an HTTP endpoint's access
 * key is; it is never described, and {@link #toString()} leaves it out.
 *
 * @param backupEnabled S3BackupMode Enabled: every source record also goes, untransformed, to {@code backup}
 */
public record RedshiftDestination(String roleArn, String jdbcUrl, String username, String password,
                                  CopyCommand copyCommand, int retryDurationSeconds, S3Settings s3,
                                  Processing processing, boolean backupEnabled, S3Settings backup,
                                  CloudWatchLogging logging) implements DestinationConfig {

    /** AWS's default RetryOptions.DurationInSeconds for Redshift. */
    public static final int DEFAULT_RETRY_SECONDS = 3600;

    public RedshiftDestination {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(copyCommand, "copyCommand");
        Objects.requireNonNull(s3, "s3");
        processing = processing == null ? Processing.NONE : processing;
        logging = logging == null ? CloudWatchLogging.DISABLED : logging;
    }

    /** The intermediate bucket's hints decide when a batch is staged and loaded, as in AWS. */
    @Override
    public BufferingHints bufferingHints() {
        return s3.bufferingHints();
    }

    @Override
    public String toString() {
        return "RedshiftDestination[jdbcUrl=" + jdbcUrl + ", username=" + username + ", copyCommand=" + copyCommand
                + ", retryDurationSeconds=" + retryDurationSeconds + ", s3=" + s3 + ", backupEnabled=" + backupEnabled
                + "]";
    }
}
