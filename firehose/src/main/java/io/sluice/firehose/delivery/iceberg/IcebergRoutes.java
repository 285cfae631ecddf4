package io.sluice.firehose.delivery.iceberg;

import io.sluice.firehose.DeliveryStreamMeta;
import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.config.IcebergDestination.IcebergTable;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.ErrorOutput;
import io.sluice.firehose.delivery.PrefixTemplate;
import io.sluice.firehose.delivery.Routes;
import io.sluice.firehose.delivery.S3Writer;
import io.sluice.firehose.delivery.Sink;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The routes of an Iceberg destination: the tables ({@link IcebergSink}), retried for RetryOptions then given up
 * to the error output as {@code iceberg-failed}; with S3BackupMode AllData every source record to the S3
 * configuration; processing failures and records that do not fit to the S3 configuration's error output (or a
 * table's own S3ErrorOutputPrefix). Stateless.
 */
public final class IcebergRoutes {

    private IcebergRoutes() {
    }

    public static Routes of(DeliveryStreamMeta meta, IcebergDestination d, Routes.Tools tools) {
        S3Settings s3 = d.s3();
        S3Writer.Naming naming = new S3Writer.Naming(meta.key().name(), meta.version(), ZoneOffset.UTC, null);
        Sink errors = new S3Writer(tools.objects(), s3, PrefixTemplate.forErrors(s3.errorOutputPrefix()), naming,
                tools.random());
        Map<IcebergTable, ErrorOutput> tableErrors = new HashMap<>();
        for (IcebergTable table : d.tables()) {
            if (table.errorOutputPrefix() != null && !table.errorOutputPrefix().isEmpty()) {
                tableErrors.put(table, new ErrorOutput(new S3Writer(tools.objects(), s3,
                        PrefixTemplate.forErrors(table.errorOutputPrefix()), naming, tools.random()),
                        IcebergSink.ERROR_OUTPUT_TYPE));
            }
        }
        Sink main = new IcebergSink(d, tools.icebergCatalogs(), tableErrors,
                new ErrorOutput(errors, IcebergSink.ERROR_OUTPUT_TYPE), tools.clock());
        Sink backup = d.allDataBackup() ? new S3Writer(tools.objects(), s3,
                PrefixTemplate.forObjects(s3.prefix(), false), naming, tools.random()) : null;
        return new Routes(main, DeliveryObserver.Target.ICEBERG, d.bufferingHints(),
                d.retryDurationSeconds() * 1000L, IcebergSink.ERROR_OUTPUT_TYPE, false, backup,
                d.allDataBackup() ? s3.bufferingHints() : null, errors, s3.bufferingHints());
    }
}
