package io.sluice.analytics.host;

import java.io.IOException;
import java.util.List;

/**
 * The server's Firehose delivery streams, as an application sees them: a source it taps and a destination it
 * puts to. Implemented in the server over {@code FirehoseEngine}.
 *
 * <p><b>Threading</b>: thread-safe.
 */
public interface DeliveryStreams {

    /** Whether the delivery stream exists and takes records. */
    boolean exists(String deliveryStreamArn);

    /**
     * Whether records reach the delivery stream by puts (DirectPut), which a {@link #tap} sees; a delivery stream
     * that reads a Kinesis stream itself takes no puts, so a tap on it would see nothing.
     */
    boolean takesPuts(String deliveryStreamArn);

    /**
     * Puts records; returns once all of them are durable in the delivery stream.
     *
     * @throws IOException when they could not be put (the caller retries them all)
     */
    void put(String deliveryStreamArn, List<byte[]> records) throws IOException;

    /**
     * Sees every record accepted by the delivery stream from now on, until the returned handle is closed: the
     * records put while the application runs (nothing is replayed, so NOW and TRIM_HORIZON mean the same).
     * {@code tap} is called on the putting thread, after the records are durable, and must not block.
     */
    AutoCloseable tap(String deliveryStreamArn, Tap tap);

    /** Receives tapped records. */
    @FunctionalInterface
    interface Tap {
        void accepted(List<byte[]> records, long arrivalMillis);
    }
}
