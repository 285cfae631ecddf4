package io.sluice.mappings.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * FilterCriteria's checks at create and update: at most {@value #MAX_FILTERS} filters (Lambda's default quota),
 * each pattern at most {@value #MAX_PATTERN_LENGTH} characters (the model's limit) and a JSON object.
 *
 * <p>Stateless and thread-safe.
 */
final class FilterCheck {

    static final int MAX_FILTERS = 5;
    static final int MAX_PATTERN_LENGTH = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        if (patterns.size() > MAX_FILTERS) {
            throw LambdaErrors.invalid("The FilterCriteria has " + patterns.size()
                    + " filters, more than the maximum of " + MAX_FILTERS + ".");
        }
        for (String pattern : patterns) {
            if (!isJsonObject(pattern)) {
                throw LambdaErrors.invalid("Invalid filter pattern definition.");
            }
        }
    }

    private static boolean isJsonObject(String pattern) {
        if (pattern == null) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(pattern);
            return node != null && node.isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
