package io.sluice.server.auth;

import java.util.Set;

/**
 * The principals a Principal or NotPrincipal element names, normalised when parsed: an account's id and its root
 * ARN ({@code arn:aws:iam::<account>:root}) both become the account id; user and role ARNs stay ARNs. Other
 * principal types (Service, Federated, CanonicalUser) are accepted but match no Sluice caller, whose principals
 * are always IAM users. Immutable.
 */
record Principals(boolean everyone, Set<String> accounts, Set<String> arns) {

    /** How a Principal element names a caller. */
    enum Match {
        /** not at all */
        NONE,
        /**
         * through the caller's account: in a resource policy this delegates to the account, whose identity
         * policies must then allow the caller too, as in AWS
         */
        ACCOUNT,
        /** by the caller's own ARN, or as everyone */
        DIRECT
    }

    Principals {
        accounts = Set.copyOf(accounts);
        arns = Set.copyOf(arns);
    }

    Match match(Identity caller) {
        if (everyone || arns.contains(caller.principalArn())) {
            return Match.DIRECT;
        }
        return accounts.contains(caller.account()) ? Match.ACCOUNT : Match.NONE;
    }

    /**
     * Whether a NotPrincipal with these names leaves the caller out. AWS evaluates a request against both the user
     * and its account, so a user is left out only if both are listed; listing either alone does not exempt it.
     */
    boolean exempts(Identity caller) {
        return everyone || (arns.contains(caller.principalArn()) && accounts.contains(caller.account()));
    }
}
