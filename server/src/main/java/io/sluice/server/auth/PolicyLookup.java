package io.sluice.server.auth;

import java.util.Optional;

/** Finds the resource-based policy attached to a stream or consumer. Implementations must be thread-safe. */
@FunctionalInterface
public interface PolicyLookup {

    /** The policy document as stored by PutResourcePolicy; empty if the resource has none. */
    Optional<String> policyFor(String resourceArn);
}
