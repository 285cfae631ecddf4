package io.sluice.agent.run;

import io.sluice.agent.config.FlowConfig;
import io.sluice.agent.tail.FlowSource;

import java.io.IOException;

/** Opens a flow's source: its files, resumed from the agent's checkpoints. */
@FunctionalInterface
public interface SourceFactory {

    FlowSource open(FlowConfig flow) throws IOException;
}
