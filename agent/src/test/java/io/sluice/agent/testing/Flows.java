package io.sluice.agent.testing;

import io.sluice.agent.config.FlowConfig;
import io.sluice.agent.config.FlowConfig.Destination;

import java.util.List;

/** Flow configurations for tests, with AWS's agent's defaults unless told otherwise. */
public final class Flows {

    private Flows() {
    }

    public static FlowConfig kinesis(int maxRecords, long maxBytes, long maxAgeMillis, int queueCapacity) {
        return new FlowConfig("/var/log/app.log->logs", "/var/log/app.log",
                new Destination(Destination.Kind.KINESIS_STREAM, "logs"), FlowConfig.PartitionKeyOption.RANDOM,
                FlowConfig.InitialPosition.START_OF_FILE, maxAgeMillis, maxRecords, maxBytes, 100, 10_000, null, 0,
                "\n", null, 0, 100, 10_000, queueCapacity, 1000, List.of());
    }
}
