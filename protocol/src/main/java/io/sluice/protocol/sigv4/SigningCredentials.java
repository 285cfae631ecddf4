package io.sluice.protocol.sigv4;

import java.util.Objects;

/**
 * The credentials an access key id maps to. Immutable.
 *
 * @param sessionToken the token temporary credentials carry; null for long-term credentials. With a token, a
 *                     request must present exactly this token; without one, a request presenting any token is
 *                     refused.
 * @param account      the 12-digit account the key belongs to
 * @param principalArn the IAM principal the key signs as, e.g. {@code arn:aws:iam::111122223333:user/alice}
 */
public record SigningCredentials(String accessKeyId, String secretKey, String sessionToken, String account,
                                 String principalArn) {

    public SigningCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(principalArn, "principalArn");
    }

    /** Never prints the secret or the token: credentials end up in logs and exception messages by accident. */
    @Override
    public String toString() {
        return "SigningCredentials[accessKeyId=" + accessKeyId + ", account=" + account + ", principalArn="
                + principalArn + ", sessionToken=" + (sessionToken == null ? "none" : "***") + "]";
    }
}
