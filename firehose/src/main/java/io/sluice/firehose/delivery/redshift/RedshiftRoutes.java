package io.sluice.firehose.delivery.redshift;

import io.sluice.firehose.DeliveryStreamMeta;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.RedshiftDestination;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.PrefixTemplate;
import io.sluice.firehose.delivery.Routes;
import io.sluice.firehose.delivery.S3Writer;
import io.sluice.firehose.delivery.Sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;

/**
 * The routes of a Redshift destination: main batches are staged in the intermediate bucket and loaded into
 * PostgreSQL ({@link RedshiftSink}), retried for RetryOptions.DurationInSeconds, then listed in a skipped
 * manifest ({@link RedshiftErrorSink}); with S3BackupMode Enabled every source record also goes to the backup
 * bucket. Stateless.
 */
public final class RedshiftRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(RedshiftRoutes.class);

    private RedshiftRoutes() {
    }

    public static Routes of(DeliveryStreamMeta meta, RedshiftDestination d, Routes.Tools tools) {
        S3Settings s3 = d.s3();
        S3Writer.Naming naming = new S3Writer.Naming(meta.key().name(), meta.version(), ZoneOffset.UTC, null);
        S3Writer staging = new S3Writer(tools.objects(), s3, PrefixTemplate.forObjects(s3.prefix(), false), naming,
                tools.random());
        Manifests manifests = new Manifests(tools.objects(), s3.bucket(), s3.prefix());
        StagedBatches staged = new StagedBatches();
        PostgresLoader loader = new PostgresLoader(d.jdbcUrl(), d.username(), d.password(), meta.key().name(),
                tools.clock());
        CopyOptions options = CopyOptions.parse(d.copyCommand().copyOptions());
        if (!options.ignored().isEmpty()) {
            LOG.info("{}: CopyOptions {} ignored: they have no meaning in PostgreSQL", meta.key().name(),
                    options.ignored());
        }
        TableTarget target = TableTarget.parse(d.copyCommand().dataTableName(), d.copyCommand().dataTableColumns());
        Sink main = new RedshiftSink(staging, manifests, staged, loader, target, new CopyInput(options));
        Sink errorOutput = new S3Writer(tools.objects(), s3, PrefixTemplate.forErrors(s3.errorOutputPrefix()), naming,
                tools.random());
        Sink errors = new RedshiftErrorSink(manifests, staged, errorOutput);
        Sink backup = null;
        BufferingHints backupHints = null;
        if (d.backupEnabled() && d.backup() != null) {
            backup = new S3Writer(tools.objects(), d.backup(), PrefixTemplate.forObjects(d.backup().prefix(), false),
                    naming, tools.random());
            backupHints = d.backup().bufferingHints();
        }
        return new Routes(main, DeliveryObserver.Target.REDSHIFT, s3.bufferingHints(),
                d.retryDurationSeconds() * 1000L, RedshiftErrorSink.GIVEN_UP, false, backup, backupHints, errors,
                s3.bufferingHints());
    }
}
