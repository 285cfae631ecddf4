package io.sluice.analytics.host;

import java.io.IOException;

/**
 * Calls a Lambda function (by its ARN, which Sluice reaches over HTTP as Firehose does) with a JSON event and
 * returns its JSON answer. Implemented in the server by Firehose's HTTP function invoker.
 *
 * <p><b>Threading</b>: thread-safe.
 */
@FunctionalInterface
public interface FunctionCaller {

    /**
     * @throws IOException when the function could not be reached, did not answer, or answered with an error
     */
    byte[] invoke(String functionArn, byte[] event) throws IOException;
}
