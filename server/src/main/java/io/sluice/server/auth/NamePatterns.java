package io.sluice.server.auth;

import java.util.List;

/**
 * The Action/NotAction or Resource/NotResource element of a statement: wildcard patterns, and whether the
 * element is the negated form (then it covers every name that no pattern matches). Immutable.
 *
 * @param ignoreCase true for actions, whose names IAM compares without case; ARNs are compared exactly
 */
record NamePatterns(List<String> patterns, boolean negated, boolean ignoreCase) {

    NamePatterns {
        patterns = List.copyOf(patterns);
    }

    boolean covers(String name) {
        boolean matched = patterns.stream().anyMatch(p -> Wildcard.matches(p, name, ignoreCase));
        return matched != negated;
    }
}
