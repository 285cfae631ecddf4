package io.sluice.server.auth;

import java.util.Objects;

/**
 * One statement of a policy. {@code principals} is null in identity-based policies, which apply to their owner;
 * {@code notPrincipal} says it came from a NotPrincipal element. Immutable.
 */
record Statement(String sid, Effect effect, NamePatterns actions, NamePatterns resources, Principals principals,
                 boolean notPrincipal) {

    Statement {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(resources, "resources");
    }

    boolean covers(String action, String resourceArn) {
        return actions.covers(action) && resources.covers(resourceArn);
    }

    /** How this statement names the caller; an identity-based statement always names its owner directly. */
    Principals.Match principalMatch(Identity caller) {
        if (principals == null) {
            return Principals.Match.DIRECT;
        }
        if (notPrincipal) {
            return principals.exempts(caller) ? Principals.Match.NONE : Principals.Match.DIRECT;
        }
        return principals.match(caller);
    }
}
