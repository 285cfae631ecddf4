package io.sluice.server.lambda;

import io.sluice.common.Clock;
import io.sluice.firehose.processing.FunctionInvoker;
import io.sluice.mappings.invoke.HttpLambdaInvoker;
import io.sluice.mappings.invoke.LambdaCredentials;
import io.sluice.mappings.invoke.LambdaInvoker;
import io.sluice.server.LambdaSettings;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;

/**
 * The one Lambda Invoke client of a node ({@code lambda.*}): event source mappings call it directly, and Firehose's
 * processors and analytics' functions call it, through {@link #named}, for functions named by ARN rather than by
 * URL. Opened and closed from the server's start/stop thread; the invoker is thread-safe.
 */
public final class LambdaFunctions implements AutoCloseable {

    private final HttpClient http;
    private final LambdaInvoker invoker;
    private final boolean endpoint;

    private LambdaFunctions(HttpClient http, LambdaInvoker invoker, boolean endpoint) {
        this.http = http;
        this.invoker = invoker;
        this.endpoint = endpoint;
    }

    public static LambdaFunctions open(LambdaSettings lambda, Clock clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(lambda.timeout()).build();
        LambdaInvoker invoker = new HttpLambdaInvoker(http, lambda.endpoint(), lambda.timeout(),
                lambda.signed() ? new LambdaCredentials(lambda.accessKeyId(), lambda.secretAccessKey(), null,
                        lambda.region()) : null, clock);
        return new LambdaFunctions(http, invoker, lambda.endpoint() != null);
    }

    public LambdaInvoker invoker() {
        return invoker;
    }

    /**
     * Firehose's and analytics' view of the invoker, for functions named by ARN; null when no
     * {@code lambda.endpoint} is configured, so that they answer that it is missing. A throttle or an unreachable
     * endpoint is an {@link IOException} (retried as a failed call); a function error or another non-2xx answer
     * is the function's failure.
     */
    public FunctionInvoker named() {
        if (!endpoint) {
            return null;
        }
        return (function, event) -> {
            LambdaInvoker.Invocation answer = invoker.invoke(function, event);
            if (answer.throttled()) {
                throw new IOException("Lambda throttled the call to " + function);
            }
            if (!answer.succeeded()) {
                throw new FunctionInvoker.FunctionException("The function " + function + " failed (HTTP "
                        + answer.status() + (answer.functionError() == null ? "" : ", " + answer.functionError())
                        + "): " + new String(answer.body(), StandardCharsets.UTF_8));
            }
            return answer.body();
        };
    }

    @Override
    public void close() {
        http.close();
    }
}
