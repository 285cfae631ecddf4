package io.sluice.server.firehose;

import io.sluice.common.ServiceException;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.RedshiftDestination;
import io.sluice.firehose.delivery.redshift.CopyOptions;
import io.sluice.firehose.delivery.redshift.TableTarget;

/**
 * The checks of a whole Redshift destination, answered with InvalidArgumentException: the JDBC URL must be a
 * PostgreSQL one (Sluice loads PostgreSQL, not Redshift); the intermediate bucket's Prefix is static and its
 * CompressionFormat UNCOMPRESSED or GZIP, as AWS requires; the table, columns and CopyOptions are ones Sluice
 * can load; and GZIP in CopyOptions matches GZIP compression of the intermediate objects (AWS would accept the
 * mismatch and fail every COPY). Stateless.
 */
final class RedshiftRules {

    private static final String POSTGRESQL = "jdbc:postgresql://";

    private RedshiftRules() {
    }

    static void check(RedshiftDestination d) {
        if (!d.jdbcUrl().startsWith(POSTGRESQL)) {
            String what = d.jdbcUrl().startsWith("jdbc:redshift://") ? "A jdbc:redshift:// ClusterJDBCURL"
                    : "The ClusterJDBCURL " + d.jdbcUrl();
            throw ServiceException.invalidArgument(what + " is not supported: Sluice delivers the Redshift "
                    + "destination to PostgreSQL; give a jdbc:postgresql://host:port/database URL.");
        }
        if (d.username() == null || d.password() == null) {
            throw ServiceException.invalidArgument("Username and Password are required (SecretsManagerConfiguration "
                    + "is not supported by Sluice).");
        }
        Compression compression = d.s3().compression();
        if (compression != Compression.UNCOMPRESSED && compression != Compression.GZIP) {
            throw ServiceException.invalidArgument("CompressionFormat " + compression.wireName() + " cannot be used "
                    + "for a Redshift destination's S3Configuration: only UNCOMPRESSED and GZIP can.");
        }
        if (d.s3().prefix().contains("!{")) {
            throw ServiceException.invalidArgument("The Prefix of a Redshift destination's S3Configuration must be "
                    + "static: expressions are not allowed.");
        }
        CopyOptions options;
        try {
            TableTarget.parse(d.copyCommand().dataTableName(), d.copyCommand().dataTableColumns());
            options = CopyOptions.parse(d.copyCommand().copyOptions());
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalidArgument(e.getMessage());
        }
        if (options.gzip() != (compression == Compression.GZIP)) {
            throw ServiceException.invalidArgument(options.gzip()
                    ? "CopyOptions GZIP needs S3Configuration.CompressionFormat GZIP."
                    : "S3Configuration.CompressionFormat GZIP needs GZIP in CopyOptions.");
        }
    }
}
