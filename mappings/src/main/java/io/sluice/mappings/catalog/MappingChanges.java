package io.sluice.mappings.catalog;

import java.util.List;

/**
 * UpdateEventSourceMapping's parameters as the API received them: null means "unchanged". An empty
 * {@code filterPatterns} list removes the FilterCriteria, an empty {@code functionResponseTypes} list removes
 * ReportBatchItemFailures, and an empty {@code onFailureDestination} removes the destination (as Lambda does for
 * {@code FilterCriteria: {}} and {@code DestinationConfig: {OnFailure: {}}}). StartingPosition cannot change.
 * Immutable; the lists are copied.
 */
public record MappingChanges(String functionName, Boolean enabled, Integer batchSize,
                             Integer maximumBatchingWindowInSeconds, Integer parallelizationFactor,
                             Boolean bisectBatchOnFunctionError, Integer maximumRetryAttempts,
                             Integer maximumRecordAgeInSeconds, List<String> functionResponseTypes,
                             Integer tumblingWindowInSeconds, List<String> filterPatterns,
                             String onFailureDestination) {

    public MappingChanges {
        functionResponseTypes = functionResponseTypes == null ? null : List.copyOf(functionResponseTypes);
        filterPatterns = filterPatterns == null ? null : List.copyOf(filterPatterns);
    }

    /** No change at all. */
    public static MappingChanges none() {
        return new MappingChanges(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Only Enabled changes (an enable or disable). */
    public static MappingChanges enabled(boolean enabled) {
        return new MappingChanges(null, enabled, null, null, null, null, null, null, null, null, null, null);
    }

    /** Only BatchSize changes. */
    public static MappingChanges batchSize(int batchSize) {
        return new MappingChanges(null, null, batchSize, null, null, null, null, null, null, null, null, null);
    }
}
