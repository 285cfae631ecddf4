package io.sluice.mappings.filter;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

/**
 * One entry of a field's value list in a pattern: an exact value or an operator object. A rule tests one leaf value
 * of the event (a string, number, boolean or null; never an object or an array, which the caller has flattened).
 * Immutable and thread-safe.
 */
sealed interface ValueRule {

    boolean test(JsonNode leaf);

    /** Numbers compare by value (1 equals 1.0 and 1e0); other values by type and content. */
    static boolean sameValue(JsonNode expected, JsonNode leaf) {
        if (expected.isNumber()) {
            return leaf.isNumber() && decimal(expected).compareTo(decimal(leaf)) == 0;
        }
        return expected.equals(leaf);
    }

    static BigDecimal decimal(JsonNode number) {
        return number.decimalValue();
    }

    /** {@code "Alice"}, {@code 100}, {@code true}, {@code null}: the value itself. */
    record Exact(JsonNode value) implements ValueRule {
        @Override
        public boolean test(JsonNode leaf) {
            return sameValue(value, leaf);
        }
    }

    /** {@code {"prefix": "us-"}}, or with {@code {"equals-ignore-case": "us-"}} inside. */
    record Prefix(String prefix, boolean ignoreCase) implements ValueRule {
        @Override
        public boolean test(JsonNode leaf) {
            return leaf.isTextual() && leaf.textValue().regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
        }
    }

    /** {@code {"suffix": ".png"}}, or with {@code {"equals-ignore-case": ".png"}} inside. */
    record Suffix(String suffix, boolean ignoreCase) implements ValueRule {
        @Override
        public boolean test(JsonNode leaf) {
            if (!leaf.isTextual()) {
                return false;
            }
            String text = leaf.textValue();
            int start = text.length() - suffix.length();
            return start >= 0 && text.regionMatches(ignoreCase, start, suffix, 0, suffix.length());
        }
    }

    /** {@code {"equals-ignore-case": "alice"}}. */
    record EqualsIgnoreCase(String value) implements ValueRule {
        @Override
        public boolean test(JsonNode leaf) {
            return leaf.isTextual() && leaf.textValue().equalsIgnoreCase(value);
        }
    }

    /** {@code {"anything-but": ...}}: a present value that the inner rules do not match. */
    record AnythingBut(List<ValueRule> excluded) implements ValueRule {
        @Override
        public boolean test(JsonNode leaf) {
            for (ValueRule rule : excluded) {
                if (rule.test(leaf)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code {"numeric": [">", 0, "<=", 5]}}: JSON numbers only. */
    record Numeric(NumericRange range) implements ValueRule {
        @Override
        public boolean test(JsonNode leaf) {
            return leaf.isNumber() && range.contains(decimal(leaf));
        }
    }

    /** {@code {"cidr": "10.0.0.0/24"}}: strings that are IP addresses inside the block. */
    record Cidr(CidrBlock block) implements ValueRule {
        @Override
        public boolean test(JsonNode leaf) {
            return leaf.isTextual() && block.contains(leaf.textValue());
        }
    }

    /**
     * {@code {"exists": true|false}}: a present value satisfies {@code exists: true} only; a field without any
     * value (missing, an empty array, or an object, since exists looks at leaves) is {@link FieldPattern}'s case.
     */
    record Exists(boolean expected) implements ValueRule {
        @Override
        public boolean test(JsonNode leaf) {
            return expected;
        }
    }
}
