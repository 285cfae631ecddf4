package io.sluice.firehose.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Main batches for tests of sinks outside this package (the Batch constructor is the delivery worker's). */
public final class TestBatches {

    private TestBatches() {
    }

    public static Batch main(String requestId, long arrivalMillis, String... records) {
        return main(requestId, Arrays.stream(records)
                .map(r -> new Batch.Entry(r.getBytes(StandardCharsets.UTF_8), arrivalMillis)).toList());
    }

    public static Batch main(String requestId, List<Batch.Entry> entries) {
        return new Batch(Batch.Route.MAIN, Map.of(), null, entries, 0, requestId);
    }
}
