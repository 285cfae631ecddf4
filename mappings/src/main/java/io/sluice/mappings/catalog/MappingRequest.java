package io.sluice.mappings.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * CreateEventSourceMapping's parameters as the API received them, before validation: null means "not given" (the
 * catalogue applies Lambda's default). Immutable once built; the lists and map are copied.
 *
 * @param functionName                   FunctionName: a name, a partial or full ARN (with an optional version or
 *                                       alias), or an http(s) function URL (Sluice's extension)
 * @param eventSourceArn                 EventSourceArn: a Kinesis stream ARN or a registered consumer ARN
 * @param enabled                        Enabled (default true)
 * @param batchSize                      BatchSize (default 100)
 * @param maximumBatchingWindowInSeconds MaximumBatchingWindowInSeconds (default 0)
 * @param startingPosition               StartingPosition as given (TRIM_HORIZON, LATEST, AT_TIMESTAMP); required
 * @param startingPositionTimestamp      StartingPositionTimestamp, for AT_TIMESTAMP
 * @param parallelizationFactor          ParallelizationFactor (default 1)
 * @param bisectBatchOnFunctionError     BisectBatchOnFunctionError (default false)
 * @param maximumRetryAttempts           MaximumRetryAttempts (default -1)
 * @param maximumRecordAgeInSeconds      MaximumRecordAgeInSeconds (default -1)
 * @param functionResponseTypes          FunctionResponseTypes (default none)
 * @param tumblingWindowInSeconds        TumblingWindowInSeconds (default 0)
 * @param filterPatterns                 FilterCriteria.Filters[].Pattern, the JSON texts (null: no FilterCriteria)
 * @param onFailureDestination           DestinationConfig.OnFailure.Destination (null or empty: none)
 * @param tags                           Tags (null: none)
 */
public record MappingRequest(String functionName, String eventSourceArn, Boolean enabled, Integer batchSize,
                             Integer maximumBatchingWindowInSeconds, String startingPosition,
                             Instant startingPositionTimestamp, Integer parallelizationFactor,
                             Boolean bisectBatchOnFunctionError, Integer maximumRetryAttempts,
                             Integer maximumRecordAgeInSeconds, List<String> functionResponseTypes,
                             Integer tumblingWindowInSeconds, List<String> filterPatterns,
                             String onFailureDestination, Map<String, String> tags) {

    public MappingRequest {
        functionResponseTypes = functionResponseTypes == null ? null : List.copyOf(functionResponseTypes);
        filterPatterns = filterPatterns == null ? null : List.copyOf(filterPatterns);
        tags = tags == null ? null : Map.copyOf(tags);
    }

    /** A request with only the required parameters (the rest take Lambda's defaults). */
    public static MappingRequest of(String functionName, String eventSourceArn, String startingPosition) {
        return new MappingRequest(functionName, eventSourceArn, null, null, null, startingPosition, null, null,
                null, null, null, null, null, null, null, null);
    }
}
