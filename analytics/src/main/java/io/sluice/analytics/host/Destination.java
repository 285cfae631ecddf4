package io.sluice.analytics.host;

import java.io.IOException;
import java.util.List;

/**
 * Where one application output writes: a Kinesis stream, a delivery stream or a Lambda function.
 *
 * <p><b>Threading</b>: single-threaded, the application's task.
 */
interface Destination {

    /** The destination's kind as metrics label it: {@code KinesisStream}, {@code Firehose}, {@code Lambda}. */
    String kind();

    /** The most records one {@link #write} takes. */
    int maxRecords();

    /** The most bytes one {@link #write} takes (a single larger record goes alone). */
    long maxBytes();

    /**
     * Writes records durably, in order.
     *
     * @param attempt 1 for the first attempt at these records, more for retries
     * @return the records that were not written (to retry), in their order; empty when all were
     * @throws IOException when the destination could not be written at all
     */
    List<byte[]> write(List<byte[]> records, int attempt) throws IOException;
}
