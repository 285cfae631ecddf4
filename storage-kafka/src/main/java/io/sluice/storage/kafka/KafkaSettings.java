package io.sluice.storage.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a node reaches the Kafka cluster that holds its streams: the bootstrap servers, client settings passed
 * through to every client it makes (TLS, SASL and the like: {@code kafka.*} in Sluice's configuration, without the
 * prefix), the prefix of the topics Sluice owns (so several Sluice clusters can share one Kafka cluster), the
 * replication factor of the topics it creates, this node's name (for logs and group membership), and how often
 * the node reports its usage of the shards' throughput budgets to the others.
 *
 * @param bootstrapServers  {@code host:port[,host:port...]}
 * @param clientProperties  extra client settings, passed as they are
 * @param topicPrefix       prefix of every topic Sluice creates, for example {@code sluice.}
 * @param replicationFactor replication factor of created topics (-1: the broker's default)
 * @param nodeId            this node's name, unique in the cluster
 * @param usageInterval     how often the node publishes its budget usage ({@link KafkaUsageExchange}); positive
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientProperties, String topicPrefix,
                            short replicationFactor, String nodeId, Duration usageInterval) {

    /** The default {@link #usageInterval}: the precision of shared budgets against the cost of the reports. */
    public static final Duration DEFAULT_USAGE_INTERVAL = Duration.ofMillis(200);

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(nodeId, "nodeId");
        if (usageInterval.isNegative() || usageInterval.isZero()) {
            throw new IllegalArgumentException("the usage interval must be positive: " + usageInterval);
        }
    }

    /** Settings with the default usage interval. */
    public KafkaSettings(String bootstrapServers, Map<String, String> clientProperties, String topicPrefix,
                         short replicationFactor, String nodeId) {
        this(bootstrapServers, clientProperties, topicPrefix, replicationFactor, nodeId, DEFAULT_USAGE_INTERVAL);
    }

    /** The topic holding the metadata log (single partition, compacted). */
    public String metadataTopic() {
        return topicPrefix + "metadata";
    }

    /** The topic through which nodes share their usage of the shards' throughput budgets (one partition). */
    public String usageTopic() {
        return topicPrefix + "usage";
    }

    /** The topic whose partitions are shared out among nodes to place background tasks. */
    public String tasksTopic() {
        return topicPrefix + "tasks";
    }
}
