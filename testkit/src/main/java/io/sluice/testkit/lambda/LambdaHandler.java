package io.sluice.testkit.lambda;

/**
 * A test's Lambda function, written the way a Java handler is written for AWS
 * ({@code RequestHandler<KinesisEvent, StreamsEventResponse>}): it gets the event deserialized by the Lambda Java
 * runtime's own serialization library and returns the response object (null for none). What it throws becomes an
 * {@code Unhandled} function error, as in Lambda.
 *
 * <p><b>Threading</b>: called on the server's threads, one call per invocation, possibly concurrently for
 * concurrent invocations.
 *
 * @param <I> the event type, e.g. {@code KinesisEvent} or {@code KinesisTimeWindowEvent}
 */
@FunctionalInterface
public interface LambdaHandler<I> {

    Object handleRequest(I event) throws Exception;
}
