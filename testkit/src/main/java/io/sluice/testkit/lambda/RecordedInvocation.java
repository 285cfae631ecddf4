package io.sluice.testkit.lambda;

import java.nio.charset.StandardCharsets;

/**
 * One request the server received, as it arrived.
 *
 * @param function    the function's name (an ARN, partial ARN or qualifier in the request reduced to the name)
 * @param viaUrl      true when it came through the function's URL rather than the Invoke API
 * @param invocationType {@code X-Amz-Invocation-Type} (RequestResponse when absent or via a URL)
 * @param payload     the raw request body
 * @param status      the HTTP status answered
 * @param functionError the {@code X-Amz-Function-Error} answered, or null
 */
public record RecordedInvocation(String function, boolean viaUrl, String invocationType, byte[] payload, int status,
                                 String functionError) {

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
