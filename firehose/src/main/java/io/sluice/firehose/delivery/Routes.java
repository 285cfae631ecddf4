package io.sluice.firehose.delivery;

import io.sluice.common.Clock;
import io.sluice.firehose.DeliveryStreamMeta;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.HttpEndpointDestination;
import io.sluice.firehose.config.S3Settings;
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

    /** The tools routes are built with. */
    public record Tools(ObjectStore objects, Supplier<HttpClient> http, Duration requestTimeout, Clock clock,
                        RandomGenerator random) {
    }

    public static Routes of(DeliveryStreamMeta meta, Tools tools) {
        return switch (meta.destination()) {
            case ExtendedS3Destination s3 -> extendedS3(meta, s3, tools);
            case HttpEndpointDestination http -> httpEndpoint(meta, http, tools);
            case SearchDestination search -> SearchRoutes.of(meta, search, tools);
            case SplunkDestination splunk -> SplunkRoutes.of(meta, splunk, tools);
        };
    }

    private static Routes extendedS3(DeliveryStreamMeta meta, ExtendedS3Destination d, Tools tools) {
        ZoneId zone = d.customTimeZone() == null || d.customTimeZone().isEmpty() ? ZoneOffset.UTC
                : ZoneId.of(d.customTimeZone());
        S3Writer.Naming naming = new S3Writer.Naming(meta.key().name(), meta.version(), zone, d.fileExtension());
        boolean partitioned = d.dynamicPartitioning().enabled();
        Sink main = new S3Writer(tools.objects(), d.s3(), PrefixTemplate.forObjects(d.s3().prefix(), partitioned),
                naming, tools.random());
        Sink errors = new S3Writer(tools.objects(), d.s3(), PrefixTemplate.forErrors(d.s3().errorOutputPrefix()),
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
