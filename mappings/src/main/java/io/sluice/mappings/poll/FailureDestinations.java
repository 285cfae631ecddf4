package io.sluice.mappings.poll;

import java.io.IOException;

/**
 * Where a mapping sends the invocation record of a discarded batch (DestinationConfig.OnFailure): a Kinesis stream,
 * a Firehose delivery stream or an S3 bucket of the store Firehose uses, by ARN. The server implements it over
 * those services.
 *
 * <p><b>Threading</b>: thread-safe; blocks until the record is stored.
 */
@FunctionalInterface
public interface FailureDestinations {

    /**
     * Stores one invocation record (AWS's JSON, UTF-8) at the destination.
     *
     * @throws IOException it could not be stored; the poller retries and does not move past the batch
     */
    void send(String destinationArn, byte[] invocationRecord) throws IOException;

    /**
     * As {@link #send(String, byte[])}, naming the mapping whose batch was discarded: an S3 destination files the
     * record under it ({@code aws/lambda/<mapping UUID>/<shard id>/...}), as Lambda does. Pollers call this one.
     *
     * @throws IOException it could not be stored; the poller retries and does not move past the batch
     */
    default void send(String mappingUuid, String destinationArn, byte[] invocationRecord) throws IOException {
        send(destinationArn, invocationRecord);
    }
}
