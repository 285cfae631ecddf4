package io.sluice.mappings.filter;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What one field of a pattern asks of the event's value for that field. Immutable and thread-safe.
 */
sealed interface FieldPattern {

    /** @param value the event's value for the field, or a missing node */
    boolean matches(JsonNode value);

    /**
     * A nested pattern object ({@code "order": {"type": [...]}}).
     *
     * @param mustBePresent the field must exist for the pattern to match, whatever the nested rules say: Kinesis's
     *                      top-level {@code data}, absent when the record's data is not JSON, which Lambda drops
     *                      for any pattern on {@code data}
     */
    record Nested(ObjectPattern pattern, boolean mustBePresent) implements FieldPattern {
        @Override
        public boolean matches(JsonNode value) {
            return !(mustBePresent && value.isMissingNode()) && pattern.matches(value);
        }
    }

    /**
     * A list of values and operators ({@code "type": ["buy", {"prefix": "sell-"}]}): matches if any rule accepts
     * any leaf of the event's value. Leaves are the value itself or, for an array, its elements (nested arrays
     * flattened); objects are not leaves. A field without leaves matches only {@code {"exists": false}}.
     */
    record Values(List<ValueRule> rules) implements FieldPattern {

        public Values {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean matches(JsonNode value) {
            if (value.isValueNode()) {
                return anyRuleAccepts(value);
            }
            List<JsonNode> leaves = new ArrayList<>();
            collectLeaves(value, leaves);
            if (leaves.isEmpty()) {
                return rules.stream().anyMatch(rule -> rule instanceof ValueRule.Exists exists && !exists.expected());
            }
            for (JsonNode leaf : leaves) {
                if (anyRuleAccepts(leaf)) {
                    return true;
                }
            }
            return false;
        }

        private boolean anyRuleAccepts(JsonNode leaf) {
            for (ValueRule rule : rules) {
                if (rule.test(leaf)) {
                    return true;
                }
            }
            return false;
        }

        private static void collectLeaves(JsonNode value, List<JsonNode> leaves) {
            if (value.isArray()) {
                value.forEach(element -> collectLeaves(element, leaves));
            } else if (value.isValueNode()) {
                leaves.add(value);
            }
        }
    }
}
