package io.sluice.mappings.invoke;

import java.io.IOException;

/**
 * Calls a Lambda function synchronously (Invoke, RequestResponse) with a JSON payload. A function given as an ARN
 * or name goes to the configured Lambda endpoint ({@code POST /2015-03-31/functions/{name}/invocations}, signed
 * with SigV4 when credentials are configured); a function given as an {@code http(s)://} URL is POSTed to directly
 * (a function URL). Shared by mappings, Firehose's processors and analytics' Lambda inputs and outputs.
 *
 * <p><b>Threading</b>: thread-safe; blocks the calling (virtual) thread for the call.
 */
public interface LambdaInvoker {

    /**
     * @throws IOException the function could not be reached or did not answer in time (a retriable failure that
     *                     is not the function's error)
     */
    Invocation invoke(String function, byte[] payload) throws IOException;

    /**
     * What a call answered.
     *
     * @param status        the HTTP status
     * @param functionError the {@code X-Amz-Function-Error} header (e.g. {@code Unhandled}), or null
     * @param body          the response payload
     */
    record Invocation(int status, String functionError, byte[] body) {

        /** The function ran and returned normally (2xx, no function error). */
        public boolean succeeded() {
            return status / 100 == 2 && functionError == null;
        }

        /** Lambda throttled the call (429): retried without counting as a function error. */
        public boolean throttled() {
            return status == 429;
        }
    }
}
