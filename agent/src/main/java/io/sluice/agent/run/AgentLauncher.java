package io.sluice.agent.run;

import io.sluice.agent.config.AgentConfig;
import io.sluice.agent.config.AgentConfigException;
import io.sluice.agent.config.AgentConfigReader;
import io.sluice.agent.send.DestinationClients;
import io.sluice.agent.tail.CheckpointStore;
import io.sluice.agent.tail.FlowSources;
import io.sluice.common.Clock;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the agent an agent.json describes, with its real parts: the checkpoint file, the tailers with the flows'
 * record splitting and processing, and the AWS SDK clients. What {@code sluice agent} runs. Stateless.
 */
public final class AgentLauncher {

    private AgentLauncher() {
    }

    /** Reads and checks agent.json, then starts the agent. */
    public static Agent launch(Path agentJson) throws IOException, AgentConfigException {
        return launch(new AgentConfigReader().read(agentJson));
    }

    public static Agent launch(AgentConfig config) throws IOException {
        java.time.Clock time = java.time.Clock.systemUTC();
        CheckpointStore checkpoints = CheckpointStore.open(config.checkpointFile(), config.checkpointTimeToLiveDays(),
                time);
        DestinationClients clients = new DestinationClients(config);
        try {
            return Agent.start(config, flow -> FlowSources.open(flow, checkpoints, time), clients::senderFor,
                    Clock.system(), List.of(clients));
        } catch (IOException | RuntimeException e) {
            clients.close();
            throw e;
        }
    }
}
