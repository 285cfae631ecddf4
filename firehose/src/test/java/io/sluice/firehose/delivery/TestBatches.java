package io.sluice.firehose.delivery;

import java.util.List;
import java.util.Map;

/** Batches for the tests of sinks in other packages (Batch's constructor is the delivery package's). */
public final class TestBatches {

    private TestBatches() {
    }

    public static Batch main(String requestId, List<Batch.Entry> entries) {
        return new Batch(Batch.Route.MAIN, Map.of(), null, entries, 0, requestId);
    }
}
