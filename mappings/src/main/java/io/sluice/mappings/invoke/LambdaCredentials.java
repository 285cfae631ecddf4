package io.sluice.mappings.invoke;

import java.util.Objects;

/**
 * The AWS credentials {@link HttpLambdaInvoker} signs Invoke requests with (SigV4, service {@code lambda}).
 * Immutable.
 *
 * @param sessionToken   for temporary credentials, else null
 * @param defaultRegion  the region to sign for when the function is given by name rather than by ARN
 */
public record LambdaCredentials(String accessKeyId, String secretKey, String sessionToken, String defaultRegion) {

    public LambdaCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(defaultRegion, "defaultRegion");
    }

    /** Never prints the secret or the token. */
    @Override
    public String toString() {
        return "LambdaCredentials[accessKeyId=" + accessKeyId + ", region=" + defaultRegion + ", sessionToken="
                + (sessionToken == null ? "none" : "***") + "]";
    }
}
