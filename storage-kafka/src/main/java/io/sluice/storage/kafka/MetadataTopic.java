package io.sluice.storage.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The metadata topic: created if missing, checked if present.
 *
 * <p>One partition (the log order is the order every node applies changes in), {@code cleanup.policy=compact}
 * (the latest value of each key is kept forever; a deleted key's tombstone goes after {@code delete.retention.ms},
 * which only a node lagging that far behind could miss, and a node that starts reads the topic from the beginning).
 * Compaction waits {@link #MIN_COMPACTION_LAG} after a write and never touches the active segment, which
 * {@link #SEGMENT} rolls so that superseded values do not pile up. An existing topic with more partitions or
 * another cleanup policy (which would delete metadata by age) is refused.
 *
 * <p>Creation is race-safe: nodes starting together may all try; the losers find the topic there.
 *
 * <p><b>Threading</b>: stateless; blocks on the admin client.
 */
final class MetadataTopic {

    static final Duration MIN_COMPACTION_LAG = Duration.ofMinutes(1);
    static final Duration SEGMENT = Duration.ofHours(1);

    private static final int DESCRIBE_ATTEMPTS = 10;

    private MetadataTopic() {
    }

    static void ensure(Admin admin, String topic, short replicationFactor, Duration timeout) throws IOException {
        NewTopic wanted = new NewTopic(topic, Optional.of(1),
                replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor))
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(MIN_COMPACTION_LAG.toMillis()),
                        TopicConfig.SEGMENT_MS_CONFIG, Long.toString(SEGMENT.toMillis())));
        try {
            await(admin.createTopics(List.of(wanted)).all(), timeout);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IOException("cannot create metadata topic " + topic, e.getCause());
            }
        }
        try {
            TopicDescription description = describe(admin, topic, timeout);
            if (description.partitions().size() != 1) {
                throw new IOException("metadata topic " + topic + " has " + description.partitions().size()
                        + " partitions; it must have exactly 1 (its order is the order of changes)");
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = await(admin.describeConfigs(List.of(resource)).all(), timeout).get(resource);
            String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
                throw new IOException("metadata topic " + topic + " has cleanup.policy=" + policy
                        + "; it must be compact, or metadata would be deleted by age");
            }
        } catch (ExecutionException e) {
            throw new IOException("cannot describe metadata topic " + topic, e.getCause());
        }
    }

    /**
     * The topic's description. A topic just created (here or by another node) may not have reached the broker
     * that answers yet: that is retried a few times, briefly.
     */
    private static TopicDescription describe(Admin admin, String topic, Duration timeout)
            throws IOException, ExecutionException {
        for (int attempt = 1; ; attempt++) {
            try {
                return await(admin.describeTopics(List.of(topic)).allTopicNames(), timeout).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == DESCRIBE_ATTEMPTS) {
                    throw e;
                }
            }
            try {
                Thread.sleep(attempt * 100L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for metadata topic " + topic);
            }
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, Duration timeout)
            throws IOException, ExecutionException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the admin client");
        } catch (TimeoutException e) {
            throw new IOException("the Kafka admin client did not answer within " + timeout, e);
        }
    }
}
