package io.sluice.server.auth;

/** What a policy statement does when it applies. Immutable. */
public enum Effect {
    ALLOW,
    DENY
}
