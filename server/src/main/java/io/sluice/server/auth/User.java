package io.sluice.server.auth;

import io.sluice.protocol.sigv4.SigningCredentials;

import java.util.List;

/**
 * A user of the credentials file: an IAM user with one access key and its identity-based policies. Immutable.
 *
 * @param credentials its key, secret, optional session token, account and principal ARN
 *                    ({@code arn:aws:iam::<account>:user/<name>})
 */
public record User(String name, SigningCredentials credentials, List<Policy> policies) {

    public User {
        policies = List.copyOf(policies);
    }

    public String account() {
        return credentials.account();
    }

    public String principalArn() {
        return credentials.principalArn();
    }

    /** The user as authorization sees it. */
    public Identity identity() {
        return new Identity(principalArn(), account(), policies);
    }
}
