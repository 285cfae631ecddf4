package io.sluice.protocol.sigv4;

import java.time.Duration;
import java.util.List;

/**
 * The signing parameters a request carries, from its Authorization header or from its presigned query string.
 * Immutable.
 *
 * @param signedHeaders lower-case header names in the order the client listed them
 * @param signature     the hex signature the client sent
 * @param validity      how long before the server's clock the signing time may lie: 5 minutes, or a presigned
 *                      request's {@code X-Amz-Expires}
 * @param securityToken the session token presented, or null
 * @param presigned     true for the query-string form, whose {@code X-Amz-Signature} parameter is left out of the
 *                      canonical query
 */
record SignatureParts(CredentialScope scope, List<String> signedHeaders, String signature, RequestTime time,
                      Duration validity, String securityToken, boolean presigned) {
}
