package io.sluice.firehose.delivery.redshift;

import io.sluice.firehose.delivery.Batch;
import io.sluice.firehose.delivery.DeliveryException;
import io.sluice.firehose.delivery.Sink;

/**
 * A Redshift destination's error route. A batch whose load was given up is recorded as AWS records it: a
 * manifest listing its staged object under {@code <prefix>errors/manifests/}, which a COPY with MANIFEST (or
 * Sluice's own replay) can load later. A batch given up before its object could be staged has no object to list:
 * its records go, as error records, to the intermediate bucket's error output ({@code redshift-failed/} by
 * default), as do processing failures. Not thread-safe: the delivery thread's.
 */
final class RedshiftErrorSink implements Sink {

    /** The error output type of batches whose load was given up. */
    static final String GIVEN_UP = "redshift-failed";

    private final Manifests manifests;
    private final StagedBatches staged;
    private final Sink errorOutput;

    RedshiftErrorSink(Manifests manifests, StagedBatches staged, Sink errorOutput) {
        this.manifests = manifests;
        this.staged = staged;
        this.errorOutput = errorOutput;
    }

    @Override
    public void deliver(Batch batch) throws DeliveryException {
        if (GIVEN_UP.equals(batch.errorOutputType())) {
            String key = staged.key(batch.requestId());
            if (key != null) {
                manifests.writeSkipped(key);
                staged.done(batch.requestId());
                return;
            }
        }
        errorOutput.deliver(batch);
    }
}
