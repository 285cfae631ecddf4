package io.sluice.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A whole agent.json, validated and defaulted (see {@code AgentConfigReader}). Immutable.
 *
 * @param kinesisEndpoint     {@code kinesis.endpoint}, or null for the region's AWS endpoint
 * @param kinesisRegion       {@code kinesis.region}, or null for the SDK's default region chain
 * @param firehoseEndpoint    {@code firehose.endpoint}, or null for the region's AWS endpoint
 * @param firehoseRegion      the region of the Firehose client (from {@code firehose.region} or the endpoint)
 * @param credentials         {@code awsAccessKeyId}/{@code awsSecretAccessKey}, or null for the SDK's default chain
 * @param checkpointFile      where file positions are kept between runs
 * @param progressInterval    how often the progress line is logged ({@code log.progressInterval})
 * @param metricsPort         the port of the Prometheus endpoint, or 0 for none
 */
public record AgentConfig(URI kinesisEndpoint, String kinesisRegion, URI firehoseEndpoint, String firehoseRegion,
                          StaticCredentials credentials, Path checkpointFile, int checkpointTimeToLiveDays,
                          int maxSendingThreads, int maxConnections, Duration connectionTimeout,
                          Duration socketTimeout, boolean useHttpGzip, Duration shutdownTimeout,
                          Duration progressInterval, int metricsPort, List<FlowConfig> flows) {

    public AgentConfig {
        Objects.requireNonNull(checkpointFile, "checkpointFile");
        flows = List.copyOf(flows);
    }

    /** Keys given in agent.json; the secret is never printed. */
    public record StaticCredentials(String accessKeyId, String secretAccessKey) {

        @Override
        public String toString() {
            return "StaticCredentials[" + accessKeyId + "]";
        }
    }
}
