package io.sluice.server.auth;

import io.sluice.protocol.sigv4.SigningCredentials;

/**
 * CloudTrail's {@code userIdentity}: who made a call. Immutable.
 *
 * @param type        {@code IAMUser} for a verified caller; {@code Unknown} when signatures are not checked
 * @param principalId a stable id of the principal; Sluice has no IAM unique ids and uses the access key id
 */
public record AuditIdentity(String type, String principalId, String arn, String accountId, String accessKeyId) {

    /** A caller whose signature was verified. */
    public static AuditIdentity of(SigningCredentials credentials) {
        return new AuditIdentity("IAMUser", credentials.accessKeyId(), credentials.principalArn(),
                credentials.account(), credentials.accessKeyId());
    }

    /** A caller in the unauthenticated mode: only the key it claims and the account it is served as are known. */
    public static AuditIdentity unverified(String accessKeyId, String account) {
        return new AuditIdentity("Unknown", accessKeyId, null, account, accessKeyId);
    }
}
