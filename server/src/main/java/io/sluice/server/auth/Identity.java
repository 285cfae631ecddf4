package io.sluice.server.auth;

import java.util.List;
import java.util.Objects;

/**
 * An authenticated caller as authorization sees it. Immutable.
 *
 * @param principalArn e.g. {@code arn:aws:iam::111122223333:user/alice}
 * @param account      the caller's 12-digit account
 * @param policies     the caller's identity-based policies
 */
public record Identity(String principalArn, String account, List<Policy> policies) {

    public Identity {
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(account, "account");
        policies = List.copyOf(policies);
    }
}
