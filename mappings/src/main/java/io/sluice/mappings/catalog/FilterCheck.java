package io.sluice.mappings.catalog;

import io.sluice.mappings.filter.FilterPatterns;
import io.sluice.mappings.filter.InvalidFilterException;

import java.util.List;
import java.util.Objects;

/**
 * FilterCriteria's checks at create and update: each pattern at most {@value #MAX_PATTERN_LENGTH} characters (the
 * model's limit, a ValidationException), at most {@link FilterPatterns#MAX_PATTERNS} filters (Lambda's default
 * quota), and each a pattern of Lambda's filtering language ({@link FilterPatterns#compile}), else
 * InvalidParameterValueException with Lambda's "Invalid filter pattern definition." and what is wrong.
 *
 * <p>Stateless and thread-safe.
 */
final class FilterCheck {

    static final int MAX_PATTERN_LENGTH = 4096;

    private FilterCheck() {
    }

    /** Adds the model's violations (a pattern too long) to {@code violations}. */
    static void shape(List<String> patterns, List<String> violations) {
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            if (pattern != null && pattern.length() > MAX_PATTERN_LENGTH) {
                violations.add("Value '" + pattern + "' at 'filterCriteria.filters." + (i + 1)
                        + ".member.pattern' failed to satisfy constraint: Member must have length less than or"
                        + " equal to " + MAX_PATTERN_LENGTH);
            }
        }
    }

    /** @throws io.sluice.common.ServiceException InvalidParameterValueException for too many or bad patterns */
    static void check(List<String> patterns) {
        if (patterns.size() > FilterPatterns.MAX_PATTERNS) {
            throw LambdaErrors.invalid("The FilterCriteria has " + patterns.size()
                    + " filters, more than the maximum of " + FilterPatterns.MAX_PATTERNS + ".");
        }
        if (patterns.stream().anyMatch(Objects::isNull)) {
            throw LambdaErrors.invalid(InvalidFilterException.LAMBDA_MESSAGE + " A filter has no Pattern.");
        }
        try {
            FilterPatterns.compile(patterns);
        } catch (InvalidFilterException e) {
            throw LambdaErrors.invalid(e.getMessage());
        }
    }
}
