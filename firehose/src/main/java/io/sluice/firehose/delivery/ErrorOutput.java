package io.sluice.firehose.delivery;

import java.util.List;
import java.util.Map;

/**
 * Writes error records of one kind ({@code !{firehose:error-output-type}}) to a destination's S3 error output, for
 * sinks that fail records one by one (documents refused by a search cluster) rather than whole batches, which
 * {@link DeliveryWorker} writes itself. Used from one delivery thread at a time.
 */
public final class ErrorOutput {

    private final Sink s3;
    private final String errorOutputType;

    public ErrorOutput(Sink s3, String errorOutputType) {
        this.s3 = s3;
        this.errorOutputType = errorOutputType;
    }

    /**
     * Writes {@code errorRecords} (each one JSON line) as one object, named after the arrival time of the oldest;
     * they came from {@code source}.
     */
    public void write(Batch source, List<Batch.Entry> errorRecords) throws DeliveryException {
        if (errorRecords.isEmpty()) {
            return;
        }
        s3.deliver(new Batch(Batch.Route.ERRORS, Map.of(), errorOutputType, errorRecords, source.firstOffset(),
                source.requestId()));
    }
}
