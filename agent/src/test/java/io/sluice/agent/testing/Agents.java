package io.sluice.agent.testing;

import io.sluice.agent.config.AgentConfig;
import io.sluice.agent.config.FlowConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Agent configurations for tests. */
public final class Agents {

    private Agents() {
    }

    public static AgentConfig config(int metricsPort, List<FlowConfig> flows) {
        return new AgentConfig(null, "us-east-1", null, "us-east-1", null, Path.of("/tmp/checkpoints"), 7, 4, 8,
                Duration.ofSeconds(5), Duration.ofSeconds(5), false, Duration.ofSeconds(10), Duration.ofMinutes(1),
                metricsPort, flows);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
