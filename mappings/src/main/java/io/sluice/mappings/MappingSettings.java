package io.sluice.mappings;

import java.util.List;
import java.util.Objects;

/**
 * The parameters of an event source mapping on a Kinesis stream, already validated against Lambda's limits by the
 * catalogue ({@code -1} means "unlimited" where Lambda allows it). Immutable.
 *
 * @param batchSize                   records per invocation at most, 1..10,000 (default 100)
 * @param maximumBatchingWindowSeconds how long a batch may wait to fill, 0..300
 * @param startingPosition            where a shard without checkpoint starts
 * @param startingPositionTimestampMillis for {@link StartingPosition#AT_TIMESTAMP}, else null
 * @param parallelizationFactor       concurrent batches per shard, 1..10, order kept per partition key
 * @param bisectBatchOnFunctionError  split a failing batch in two and retry the halves
 * @param maximumRetryAttempts        -1 (until the record expires) or 0..10,000
 * @param maximumRecordAgeSeconds     -1 (until the record expires) or 60..604,800
 * @param reportBatchItemFailures     FunctionResponseTypes holds ReportBatchItemFailures
 * @param tumblingWindowSeconds       0 (none) or 1..900
 * @param filterPatterns              FilterCriteria's patterns, as the JSON texts given; empty for none
 * @param onFailureDestination        DestinationConfig.OnFailure.Destination ARN, or null
 * @param enabled                     whether the mapping polls
 */
public record MappingSettings(int batchSize, int maximumBatchingWindowSeconds, StartingPosition startingPosition,
                              Long startingPositionTimestampMillis, int parallelizationFactor,
                              boolean bisectBatchOnFunctionError, int maximumRetryAttempts,
                              int maximumRecordAgeSeconds, boolean reportBatchItemFailures,
                              int tumblingWindowSeconds, List<String> filterPatterns, String onFailureDestination,
                              boolean enabled) {

    public MappingSettings {
        Objects.requireNonNull(startingPosition, "startingPosition");
        filterPatterns = List.copyOf(filterPatterns);
    }
}
