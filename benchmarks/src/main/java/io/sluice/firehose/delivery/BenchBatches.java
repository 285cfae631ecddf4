package io.sluice.firehose.delivery;

import java.util.List;
import java.util.Map;

/** Main-route batches for benchmarks of sinks (Batch's constructor belongs to the delivery package). */
public final class BenchBatches {

    private BenchBatches() {
    }

    public static Batch main(String requestId, List<Batch.Entry> entries) {
        return new Batch(Batch.Route.MAIN, Map.of(), null, entries, 0, requestId);
    }
}
