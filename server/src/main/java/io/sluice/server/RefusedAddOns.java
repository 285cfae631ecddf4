package io.sluice.server;

import io.sluice.server.analytics.AnalyticsService;
import io.sluice.server.firehose.FirehoseService;
import io.sluice.server.pipeline.Api;
import io.sluice.server.pipeline.UnavailableApi;

import java.util.List;

/**
 * Firehose and Kinesis Analytics in cluster mode: their delivery buffers and application state are kept on one
 * node's disk today, which would break "nothing acknowledged lives on one node's disk", so every call answers
 * 503 {@code ServiceUnavailableException} saying so, and no task of theirs runs. Immutable.
 */
final class RefusedAddOns implements AddOnServices {

    private static final String WHY = " is not yet available in cluster mode (storage.backend=kafka); "
            + "see docs/cluster.md";

    @Override
    public List<Api> apis() {
        return List.of(new UnavailableApi(FirehoseService.DEFINITION, FirehoseService::resourcesOf,
                        "Firehose" + WHY),
                new UnavailableApi(AnalyticsService.DEFINITION, AnalyticsService::resourcesOf,
                        "Kinesis Data Analytics" + WHY));
    }

    @Override
    public void resume() {
        // nothing runs: there is nothing to resume
    }

    @Override
    public void close() {
        // nothing was opened
    }
}
