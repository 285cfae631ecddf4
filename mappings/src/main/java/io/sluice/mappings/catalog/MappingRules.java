package io.sluice.mappings.catalog;

import io.sluice.mappings.MappingSettings;
import io.sluice.mappings.StartingPosition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lambda's rules for a Kinesis mapping's parameters, and its defaults. Violations of the request model (a value out
 * of its range, an unknown enum value) are collected and answered together as ValidationException, as Lambda's
 * front end does; the service's own rules come after, as InvalidParameterValueException: StartingPosition is
 * required for Kinesis, AT_TIMESTAMP needs StartingPositionTimestamp, MaximumRecordAgeInSeconds is -1 or at least
 * 60, FilterCriteria's patterns must be JSON objects, and the on-failure destination must be a kind Sluice delivers
 * to.
 *
 * <p>Stateless and thread-safe.
 */
final class MappingRules {

    static final int DEFAULT_BATCH_SIZE = 100;
    static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";
    private static final int MIN_RECORD_AGE = 60;

    private MappingRules() {
    }

    /** CreateEventSourceMapping's settings, with Lambda's default for each parameter not given. */
    static MappingSettings settings(MappingRequest r) {
        List<String> violations = new ArrayList<>();
        ranges(r.batchSize(), r.maximumBatchingWindowInSeconds(), r.parallelizationFactor(),
                r.maximumRetryAttempts(), r.maximumRecordAgeInSeconds(), r.tumblingWindowInSeconds(), violations);
        StartingPosition position = position(r.startingPosition(), violations);
        responseTypes(r.functionResponseTypes(), violations);
        List<String> patterns = r.filterPatterns() == null ? List.of() : r.filterPatterns();
        FilterCheck.shape(patterns, violations);
        OnFailureDestinations.shape(r.onFailureDestination(), violations);
        if (!violations.isEmpty()) {
            throw LambdaErrors.validation(violations);
        }
        if (position == null) {
            throw LambdaErrors.invalid("1 validation error detected: Value null at 'startingPosition' failed to"
                    + " satisfy constraint: Member must not be null.");
        }
        if (position == StartingPosition.AT_TIMESTAMP && r.startingPositionTimestamp() == null) {
            throw LambdaErrors.invalid("Need to specify a timestamp: StartingPosition AT_TIMESTAMP requires"
                    + " StartingPositionTimestamp.");
        }
        Long timestamp = position == StartingPosition.AT_TIMESTAMP ? r.startingPositionTimestamp().toEpochMilli()
                : null;
        MappingSettings settings = new MappingSettings(or(r.batchSize(), DEFAULT_BATCH_SIZE),
                or(r.maximumBatchingWindowInSeconds(), 0), position, timestamp, or(r.parallelizationFactor(), 1),
                or(r.bisectBatchOnFunctionError(), false), or(r.maximumRetryAttempts(), -1),
                or(r.maximumRecordAgeInSeconds(), -1), reportsItemFailures(r.functionResponseTypes(), false),
                or(r.tumblingWindowInSeconds(), 0), patterns, r.onFailureDestination(), or(r.enabled(), true));
        return serviceRules(settings);
    }

    /** UpdateEventSourceMapping's settings: {@code current} with the changes given applied, checked again. */
    static MappingSettings apply(MappingSettings current, MappingChanges c) {
        List<String> violations = new ArrayList<>();
        ranges(c.batchSize(), c.maximumBatchingWindowInSeconds(), c.parallelizationFactor(),
                c.maximumRetryAttempts(), c.maximumRecordAgeInSeconds(), c.tumblingWindowInSeconds(), violations);
        responseTypes(c.functionResponseTypes(), violations);
        if (c.filterPatterns() != null) {
            FilterCheck.shape(c.filterPatterns(), violations);
        }
        OnFailureDestinations.shape(c.onFailureDestination(), violations);
        if (!violations.isEmpty()) {
            throw LambdaErrors.validation(violations);
        }
        MappingSettings updated = new MappingSettings(or(c.batchSize(), current.batchSize()),
                or(c.maximumBatchingWindowInSeconds(), current.maximumBatchingWindowSeconds()),
                current.startingPosition(), current.startingPositionTimestampMillis(),
                or(c.parallelizationFactor(), current.parallelizationFactor()),
                or(c.bisectBatchOnFunctionError(), current.bisectBatchOnFunctionError()),
                or(c.maximumRetryAttempts(), current.maximumRetryAttempts()),
                or(c.maximumRecordAgeInSeconds(), current.maximumRecordAgeSeconds()),
                reportsItemFailures(c.functionResponseTypes(), current.reportBatchItemFailures()),
                or(c.tumblingWindowInSeconds(), current.tumblingWindowSeconds()),
                c.filterPatterns() == null ? current.filterPatterns() : c.filterPatterns(),
                c.onFailureDestination() == null ? current.onFailureDestination() : c.onFailureDestination(),
                or(c.enabled(), current.enabled()));
        return serviceRules(updated);
    }

    private static MappingSettings serviceRules(MappingSettings s) {
        int age = s.maximumRecordAgeSeconds();
        if (age != -1 && age < MIN_RECORD_AGE) {
            throw LambdaErrors.invalid("MaximumRecordAgeInSeconds must be -1 (infinite) or between " + MIN_RECORD_AGE
                    + " and 604800 seconds, not " + age + ".");
        }
        FilterCheck.check(s.filterPatterns());
        String destination = OnFailureDestinations.check(s.onFailureDestination());
        return new MappingSettings(s.batchSize(), s.maximumBatchingWindowSeconds(), s.startingPosition(),
                s.startingPositionTimestampMillis(), s.parallelizationFactor(), s.bisectBatchOnFunctionError(),
                s.maximumRetryAttempts(), s.maximumRecordAgeSeconds(), s.reportBatchItemFailures(),
                s.tumblingWindowSeconds(), s.filterPatterns(), destination, s.enabled());
    }

    private static void ranges(Integer batchSize, Integer window, Integer parallelization, Integer retries,
                               Integer recordAge, Integer tumblingWindow, List<String> violations) {
        range(batchSize, "batchSize", 1, 10_000, violations);
        range(window, "maximumBatchingWindowInSeconds", 0, 300, violations);
        range(parallelization, "parallelizationFactor", 1, 10, violations);
        range(retries, "maximumRetryAttempts", -1, 10_000, violations);
        range(recordAge, "maximumRecordAgeInSeconds", -1, 604_800, violations);
        range(tumblingWindow, "tumblingWindowInSeconds", 0, 900, violations);
    }

    private static void range(Integer value, String member, int min, int max, List<String> violations) {
        if (value != null && (value < min || value > max)) {
            violations.add(LambdaErrors.outOfRange(value, member, min, max, value));
        }
    }

    private static StartingPosition position(String given, List<String> violations) {
        if (given == null) {
            return null;
        }
        try {
            return StartingPosition.valueOf(given);
        } catch (IllegalArgumentException e) {
            violations.add("Value '" + given + "' at 'startingPosition' failed to satisfy constraint: Member must"
                    + " satisfy enum value set: " + Arrays.toString(StartingPosition.values()));
            return null;
        }
    }

    private static void responseTypes(List<String> types, List<String> violations) {
        if (types == null) {
            return;
        }
        if (types.size() > 1) {
            violations.add("Value '" + types + "' at 'functionResponseTypes' failed to satisfy constraint: Member"
                    + " must have length less than or equal to 1");
        }
        for (String type : types) {
            if (!REPORT_BATCH_ITEM_FAILURES.equals(type)) {
                violations.add("Value '" + types + "' at 'functionResponseTypes' failed to satisfy constraint:"
                        + " Member must satisfy constraint: [Member must satisfy enum value set: ["
                        + REPORT_BATCH_ITEM_FAILURES + "]]");
                return;
            }
        }
    }

    private static boolean reportsItemFailures(List<String> types, boolean otherwise) {
        return types == null ? otherwise : types.contains(REPORT_BATCH_ITEM_FAILURES);
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }
}
