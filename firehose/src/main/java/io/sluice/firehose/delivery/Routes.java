package io.sluice.firehose.delivery;

import io.sluice.common.Clock;
import io.sluice.firehose.DeliveryStreamMeta;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.ConversionSchema;
import io.sluice.firehose.config.DataFormatConversion;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.HttpEndpointDestination;
import io.sluice.firehose.config.RedshiftDestination;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.conversion.RecordConverter;
import io.sluice.firehose.conversion.TableRef;
import io.sluice.firehose.conversion.TableSchemas;
import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.delivery.iceberg.IcebergCatalogs;
import io.sluice.firehose.delivery.iceberg.IcebergRoutes;
import io.sluice.firehose.delivery.redshift.RedshiftRoutes;
import io.sluice.firehose.config.SearchDestination;
import io.sluice.firehose.config.SplunkDestination;
import io.sluice.firehose.delivery.search.SearchRoutes;
import io.sluice.firehose.delivery.splunk.SplunkRoutes;

import java.net.http.HttpClient;
import java.util.function.Supplier;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;

/**
 * Where one version of a delivery stream's configuration sends its batches, and how each route buffers and
 * retries. Immutable.
 *
 * @param main             the destination
 * @param mainRetryMillis  how long a main batch is retried before it goes to the error output as
 *                         {@code giveUpErrorType}; -1 to retry until the records are too old (S3)
 * @param partitioned      whether main records are buffered per partition keys (dynamic partitioning)
 * @param backup           where every source record also goes, untransformed, or null
 * @param errors           where error records go (processing failures, and main batches given up on)
 */
public record Routes(Sink main, DeliveryObserver.Target mainTarget, BufferingHints mainHints, long mainRetryMillis,
                     String giveUpErrorType, boolean partitioned, Sink backup, BufferingHints backupHints,
                     Sink errors, BufferingHints errorHints) {

    /**
     * The tools routes are built with.
     *
     * @param tableSchemas    where record format conversion reads its tables' columns
     * @param icebergCatalogs the catalog Iceberg destinations write through
     */
    public record Tools(ObjectStore objects, Supplier<HttpClient> http, Duration requestTimeout, Clock clock,
                        RandomGenerator random, TableSchemas tableSchemas, IcebergCatalogs icebergCatalogs) {

        /** Tools without an Iceberg catalog: Iceberg destinations cannot open their tables. */
        public Tools(ObjectStore objects, Supplier<HttpClient> http, Duration requestTimeout, Clock clock,
                     RandomGenerator random, TableSchemas tableSchemas) {
            this(objects, http, requestTimeout, clock, random, tableSchemas, IcebergCatalogs.NONE);
        }
    }

    public static Routes of(DeliveryStreamMeta meta, Tools tools) {
        return switch (meta.destination()) {
            case ExtendedS3Destination s3 -> extendedS3(meta, s3, tools);
            case HttpEndpointDestination http -> httpEndpoint(meta, http, tools);
            case IcebergDestination iceberg -> IcebergRoutes.of(meta, iceberg, tools);
            case RedshiftDestination redshift -> RedshiftRoutes.of(meta, redshift, tools);
            case SearchDestination search -> SearchRoutes.of(meta, search, tools);
            case SplunkDestination splunk -> SplunkRoutes.of(meta, splunk, tools);
        };
    }

    private static Routes extendedS3(DeliveryStreamMeta meta, ExtendedS3Destination d, Tools tools) {
        ZoneId zone = d.customTimeZone() == null || d.customTimeZone().isEmpty() ? ZoneOffset.UTC
                : ZoneId.of(d.customTimeZone());
        S3Writer.Naming naming = new S3Writer.Naming(meta.key().name(), meta.version(), zone, d.fileExtension());
        boolean partitioned = d.dynamicPartitioning().enabled();
        Sink errors = new S3Writer(tools.objects(), d.s3(), PrefixTemplate.forErrors(d.s3().errorOutputPrefix()),
                naming, tools.random());
        Sink main = d.converts() ? converting(meta, d, zone, partitioned, errors, tools)
                : new S3Writer(tools.objects(), d.s3(), PrefixTemplate.forObjects(d.s3().prefix(), partitioned),
                naming, tools.random());
        Sink backup = null;
        BufferingHints backupHints = null;
        if (d.backupEnabled() && d.backup() != null) {
            backup = plainS3(d.backup(), meta, tools);
            backupHints = d.backup().bufferingHints();
        }
        return new Routes(main, DeliveryObserver.Target.S3, d.s3().bufferingHints(), -1, null, partitioned, backup,
                backupHints, errors, d.s3().bufferingHints());
    }

    /** Converted objects take the format's extension (.parquet, .orc) unless a FileExtension is set, as in AWS. */
    private static Sink converting(DeliveryStreamMeta meta, ExtendedS3Destination d, ZoneId zone,
                                   boolean partitioned, Sink errors, Tools tools) {
        DataFormatConversion conversion = d.dataFormatConversion();
        String extension = d.fileExtension() == null || d.fileExtension().isEmpty()
                ? conversion.serializer().extension() : d.fileExtension();
        S3Writer objects = new S3Writer(tools.objects(), d.s3(),
                PrefixTemplate.forObjects(d.s3().prefix(), partitioned),
                new S3Writer.Naming(meta.key().name(), meta.version(), zone, extension), tools.random());
        ConversionSchema schema = conversion.schema();
        ErrorRecords.CatalogTable table = new ErrorRecords.CatalogTable(
                schema.catalogId() == null ? meta.key().account() : schema.catalogId(), schema.databaseName(),
                schema.tableName(), schema.region() == null ? meta.key().region() : schema.region(),
                schema.versionId() == null ? "LATEST" : schema.versionId());
        TableRef ref = new TableRef(table.catalogId(), table.region(), schema.databaseName(), schema.tableName(),
                schema.versionId());
        return new ConvertingS3Writer(objects, new RecordConverter(conversion, ref, tools.tableSchemas()), errors,
                table, tools.clock());
    }

    private static Routes httpEndpoint(DeliveryStreamMeta meta, HttpEndpointDestination d, Tools tools) {
        Sink main = new HttpEndpointSink(tools.http(), d, meta.key().arn(), tools.requestTimeout(), tools.clock());
        S3Settings s3 = d.s3();
        S3Writer.Naming naming = new S3Writer.Naming(meta.key().name(), meta.version(), ZoneOffset.UTC, null);
        Sink errors = new S3Writer(tools.objects(), s3, PrefixTemplate.forErrors(s3.errorOutputPrefix()), naming,
                tools.random());
        Sink backup = d.allDataBackup() ? plainS3(s3, meta, tools) : null;
        return new Routes(main, DeliveryObserver.Target.HTTP_ENDPOINT, d.bufferingHints(),
                d.retryDurationSeconds() * 1000L, "http-endpoint-failed", false, backup,
                d.allDataBackup() ? s3.bufferingHints() : null, errors, s3.bufferingHints());
    }

    private static Sink plainS3(S3Settings s3, DeliveryStreamMeta meta, Tools tools) {
        return new S3Writer(tools.objects(), s3, PrefixTemplate.forObjects(s3.prefix(), false),
                new S3Writer.Naming(meta.key().name(), meta.version(), ZoneOffset.UTC, null), tools.random());
    }

    public Sink sink(Batch.Route route) {
        return switch (route) {
            case MAIN -> main;
            case BACKUP -> backup;
            case ERRORS -> errors;
        };
    }

    /** The metric family of deliveries on a route. */
    public DeliveryObserver.Target target(Batch.Route route) {
        return route == Batch.Route.MAIN ? mainTarget : DeliveryObserver.Target.BACKUP_S3;
    }

    public BufferingHints hints(Batch.Route route) {
        return switch (route) {
            case MAIN -> mainHints;
            case BACKUP -> backupHints;
            case ERRORS -> errorHints;
        };
    }
}
