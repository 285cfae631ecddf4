package io.sluice.server.lambda;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.mappings.catalog.MappingChanges;
import io.sluice.mappings.catalog.MappingRequest;
import io.sluice.protocol.WireObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CreateEventSourceMapping's and UpdateEventSourceMapping's members into the catalogue's requests, leaving
 * the rules to the catalogue: an absent member stays null. {@code FilterCriteria: {}} reads as an empty pattern
 * list and {@code DestinationConfig: {OnFailure: {}}} as an empty destination, which an update takes as "remove".
 * Members for other kinds of sources or modes Sluice does not have (Topics, ProvisionedPollerConfig...) are
 * InvalidParameterValueException rather than ignored.
 * Stateless.
 */
final class MappingReader {

    private MappingReader() {
    }

    /** Members of Lambda's model that configure what Sluice does not have (other sources, provisioned mode). */
    private static final List<String> UNSUPPORTED = List.of("Topics", "Queues", "SourceAccessConfigurations",
            "SelfManagedEventSource", "AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig",
            "ScalingConfig", "DocumentDBEventSourceConfig", "KMSKeyArn", "MetricsConfig", "LoggingConfig",
            "ProvisionedPollerConfig");

    static MappingRequest create(WireObject in) {
        refuseUnsupported(in);
        Long timestamp = in.timestampMillis("StartingPositionTimestamp");
        return new MappingRequest(in.string("FunctionName"), in.string("EventSourceArn"), in.bool("Enabled"),
                in.integer("BatchSize"), in.integer("MaximumBatchingWindowInSeconds"),
                in.string("StartingPosition"), timestamp == null ? null : Instant.ofEpochMilli(timestamp),
                in.integer("ParallelizationFactor"), in.bool("BisectBatchOnFunctionError"),
                in.integer("MaximumRetryAttempts"), in.integer("MaximumRecordAgeInSeconds"),
                in.strings("FunctionResponseTypes"), in.integer("TumblingWindowInSeconds"), filterPatterns(in),
                destination(in), in.has("Tags") ? in.stringMap("Tags") : null);
    }

    static MappingChanges update(WireObject in) {
        refuseUnsupported(in);
        return new MappingChanges(in.string("FunctionName"), in.bool("Enabled"), in.integer("BatchSize"),
                in.integer("MaximumBatchingWindowInSeconds"), in.integer("ParallelizationFactor"),
                in.bool("BisectBatchOnFunctionError"), in.integer("MaximumRetryAttempts"),
                in.integer("MaximumRecordAgeInSeconds"), in.strings("FunctionResponseTypes"),
                in.integer("TumblingWindowInSeconds"), filterPatterns(in), destination(in));
    }

    /** A member Sluice would otherwise ignore is refused, so that nobody believes it took effect. */
    private static void refuseUnsupported(WireObject in) {
        for (String member : UNSUPPORTED) {
            if (in.has(member)) {
                throw new ServiceException(ErrorType.INVALID_PARAMETER_VALUE, "Sluice's event source mappings read "
                        + "Kinesis streams and do not support " + member + ".");
            }
        }
    }

    /** FilterCriteria.Filters[].Pattern; null without FilterCriteria, empty for {@code {}}. */
    private static List<String> filterPatterns(WireObject in) {
        WireObject criteria = in.object("FilterCriteria");
        if (criteria == null) {
            return null;
        }
        List<String> patterns = new ArrayList<>();
        List<WireObject> filters = criteria.objects("Filters");
        for (WireObject filter : filters == null ? List.<WireObject>of() : filters) {
            String pattern = filter.string("Pattern");
            patterns.add(pattern == null ? "" : pattern); // the catalogue refuses it as a pattern that does not parse
        }
        return patterns;
    }

    /** DestinationConfig.OnFailure.Destination; null without DestinationConfig, empty when it names none. */
    private static String destination(WireObject in) {
        WireObject config = in.object("DestinationConfig");
        if (config == null) {
            return null;
        }
        WireObject onFailure = config.object("OnFailure");
        String destination = onFailure == null ? null : onFailure.string("Destination");
        return destination == null ? "" : destination;
    }
}
