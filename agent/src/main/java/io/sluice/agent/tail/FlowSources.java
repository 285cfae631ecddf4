package io.sluice.agent.tail;

import io.sluice.agent.config.FlowConfig;
import io.sluice.agent.parse.RecordProcessor;
import io.sluice.agent.parse.RecordProcessors;
import io.sluice.agent.parse.RecordSplitter;
import io.sluice.agent.parse.RecordSplitters;

import java.io.IOException;
import java.time.Clock;
import java.util.function.Supplier;

/** Opens the {@link FlowSource} of a flow. Stateless. */
public final class FlowSources {

    private FlowSources() {
    }

    /**
     * The flow's source, its files placed by its checkpoint in {@code checkpoints} (or its initialPosition), records
     * split and processed as the flow's settings say.
     */
    public static FlowSource open(FlowConfig flow, CheckpointStore checkpoints, Clock clock) throws IOException {
        return open(flow, checkpoints, clock, () -> RecordSplitters.forFlow(flow),
                RecordProcessors.forFlow(flow, clock));
    }

    /**
     * As {@link #open(FlowConfig, CheckpointStore, Clock)} with the given record splitting (a new splitter for each
     * file read) and processing.
     */
    public static FlowSource open(FlowConfig flow, CheckpointStore checkpoints, Clock clock,
                                  Supplier<RecordSplitter> splitters, RecordProcessor processor) throws IOException {
        TailingFlowSource source = new TailingFlowSource(flow, checkpoints, clock, splitters, processor);
        source.start();
        return source;
    }
}
