package io.sluice.server;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how Sluice invokes Lambda functions (event source mappings, Firehose's Lambda processor, analytics'
 * Lambda inputs and outputs) when they are named by ARN or name: the Lambda Invoke API's base URL
 * ({@code lambda.endpoint}: SAM local's {@code sam local start-lambda}, LocalStack, the Runtime Interface
 * Emulator, or AWS Lambda itself), optional SigV4 credentials ({@code lambda.access-key-id},
 * {@code lambda.secret-access-key}, {@code lambda.region}) and how long one call may take ({@code lambda.timeout-ms}). A function given
 * as an {@code http(s)://} URL is called directly whatever the endpoint. Immutable, validated when built.
 *
 * @param endpoint        the Invoke API's base URL; null: functions named by ARN cannot be invoked (an error the
 *                        mapping reports as its LastProcessingResult)
 * @param accessKeyId     the key id calls are signed with; null: unsigned
 * @param secretAccessKey its secret
 * @param region          the region signed for when a function is named without an ARN ({@code lambda.region})
 * @param timeout         how long a call may take before it counts as failed (and is retried)
 */
public record LambdaSettings(URI endpoint, String accessKeyId, String secretAccessKey, String region,
                             Duration timeout) {

    /** No endpoint, unsigned, us-east-1, 60 s calls. */
    public static final LambdaSettings DEFAULTS = new LambdaSettings(null, null, null, "us-east-1",
            Duration.ofSeconds(60));

    public LambdaSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(region, "region");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("lambda.timeout-ms must be positive");
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("give both lambda.access-key-id and lambda.secret-access-key, or "
                    + "neither");
        }
        if (endpoint != null && !"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("lambda.endpoint must be an http or https URL, not " + endpoint);
        }
    }

    /** Whether calls are signed with SigV4. */
    public boolean signed() {
        return accessKeyId != null;
    }
}
