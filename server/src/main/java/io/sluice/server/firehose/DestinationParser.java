package io.sluice.server.firehose;

import io.sluice.common.ServiceException;
import io.sluice.firehose.config.DestinationConfig;
import io.sluice.firehose.config.DynamicPartitioning;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.HttpEndpointDestination;
import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.RedshiftDestination;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.config.SearchDestination;
import io.sluice.firehose.config.SplunkDestination;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the one destination of a CreateDeliveryStream or UpdateDestination call and reads it: ExtendedS3, the
 * deprecated S3 (an ExtendedS3 destination without the extras), HttpEndpoint, Redshift (delivered to PostgreSQL),
 * Iceberg, Amazonopensearchservice or Elasticsearch (a self-hosted cluster), or Splunk. Destinations Sluice does
 * not have yet are refused with InvalidArgumentException. Stateless.
 */
final class DestinationParser {

    private static final List<String> UNSUPPORTED = List.of("AmazonOpenSearchServerless");

    private final DestinationReader reader = new DestinationReader();
    private final RedshiftReader redshift = new RedshiftReader(reader);
    private final IcebergReader iceberg = new IcebergReader(reader);
    private final SearchDestinationReader search = new SearchDestinationReader();
    private final SplunkDestinationReader splunk = new SplunkDestinationReader();

    /** The destination of a CreateDeliveryStream call (null if the validator found it incomplete). */
    DestinationConfig create(WireObject in, Validator v) {
        String member = only(in, "DestinationConfiguration");
        WireObject config = in.object(member + "DestinationConfiguration");
        String path = lowerFirst(member) + "DestinationConfiguration";
        return switch (member) {
            case "ExtendedS3" -> reader.extendedS3(config, path, v, null, false);
            case "S3" -> plain(reader.s3(config, path, v, null));
            case "Redshift" -> redshift.read(config, path, v, null, false);
            case "Iceberg" -> iceberg.read(config, path, v, null, false);
            case "Elasticsearch", "Amazonopensearchservice" -> search.read(service(member), config, path, v, null,
                    false);
            case "Splunk" -> splunk.read(config, path, v, null, false);
            default -> reader.httpEndpoint(config, path, v, null, false);
        };
    }

    /**
     * The destination an UpdateDestination call makes of {@code current}: an update of the same type merges into
     * it, one of another type replaces it and must then be complete (null if the validator found it incomplete).
     */
    DestinationConfig update(WireObject in, Validator v, DestinationConfig current) {
        String member = only(in, "DestinationUpdate");
        WireObject update = in.object(member + "DestinationUpdate");
        String path = lowerFirst(member) + "DestinationUpdate";
        return switch (member) {
            case "ExtendedS3" -> reader.extendedS3(update, path, v,
                    current instanceof ExtendedS3Destination s3 ? s3 : null, true);
            case "S3" -> {
                ExtendedS3Destination base = current instanceof ExtendedS3Destination s3 ? s3 : null;
                S3Settings s3 = reader.s3(update, path, v, base == null ? null : base.s3());
                yield s3 == null ? null : base == null ? plain(s3) : new ExtendedS3Destination(s3, base.processing(),
                        base.backupEnabled(), base.backup(), base.dynamicPartitioning(), base.fileExtension(),
                        base.customTimeZone(), base.dataFormatConversion());
            }
            case "Redshift" -> redshift.read(update, path, v,
                    current instanceof RedshiftDestination r ? r : null, true);
            case "Iceberg" -> iceberg.read(update, path, v, current instanceof IcebergDestination d ? d : null, true);
            case "Elasticsearch", "Amazonopensearchservice" -> search.read(service(member), update, path, v,
                    current instanceof SearchDestination d && d.service() == service(member) ? d : null, true);
            case "Splunk" -> splunk.read(update, path, v, current instanceof SplunkDestination d ? d : null, true);
            default -> reader.httpEndpoint(update, path, v,
                    current instanceof HttpEndpointDestination http ? http : null, true);
        };
    }

    /** Which one of the supported destination members is given ("ExtendedS3", "S3", "HttpEndpoint"...). */
    private static String only(WireObject in, String suffix) {
        List<String> given = new ArrayList<>();
        if (in.has("Snowflake" + suffix)) {
            throw ServiceException.invalidArgument("The Snowflake destination is not supported by Sluice: it "
                    + "loads a Snowflake account, which Sluice cannot reach or stand in for.");
        }
        for (String type : List.of("ExtendedS3", "S3", "HttpEndpoint", "Redshift", "Iceberg", "Elasticsearch",
                "Amazonopensearchservice", "Splunk")) {
            if (in.has(type + suffix)) {
                given.add(type);
            }
        }
        for (String type : UNSUPPORTED) {
            if (in.has(type + suffix)) {
                throw DestinationRules.notYet("The " + type + " destination");
            }
        }
        if (given.size() != 1) {
            throw ServiceException.invalidArgument("Exactly one destination " + suffix.replace("Destination", "")
                    .toLowerCase(java.util.Locale.ROOT) + " must be given, not " + given.size() + ".");
        }
        return given.getFirst();
    }

    private static ExtendedS3Destination plain(S3Settings s3) {
        return s3 == null ? null : new ExtendedS3Destination(s3, Processing.NONE, false, null,
                DynamicPartitioning.DISABLED, null, null);
    }

    private static SearchDestination.Service service(String member) {
        return member.equals("Elasticsearch") ? SearchDestination.Service.ELASTICSEARCH
                : SearchDestination.Service.OPENSEARCH;
    }

    private static String lowerFirst(String member) {
        return member.equals("S3") ? "s3" : Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
