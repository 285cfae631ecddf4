package io.sluice.e2e.agent;

import io.sluice.agent.config.AgentConfig;
import io.sluice.agent.config.AgentConfigReader;

import java.net.URI;
import java.nio.file.Path;

/** agent.json files pointed at a Sluice server, as a user writes them. */
final class AgentJson {

    private AgentJson() {
    }

    static AgentConfig read(String json) throws Exception {
        return new AgentConfigReader().read(json);
    }

    /** The top-level keys for a server at {@code endpoint}, then {@code flows} (a JSON array). */
    static String of(URI endpoint, Path checkpoints, String flows) {
        return """
                {
                  "kinesis.endpoint": "%1$s",
                  "firehose.endpoint": "%1$s",
                  "kinesis.region": "us-east-1",
                  "firehose.region": "us-east-1",
                  "awsAccessKeyId": "local",
                  "awsSecretAccessKey": "local",
                  "checkpointFile": "%2$s",
                  "maxSendingThreads": 4,
                  "shutdownTimeoutMillis": 5000,
                  "flows": %3$s
                }
                """.formatted(endpoint, checkpoints, flows);
    }
}
