package io.sluice.storage.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates, grows, configures and deletes the topics that hold streams, through one {@link Admin}. Every node may
 * race every other: creating a topic that exists and growing one that already has enough partitions both count as
 * success.
 *
 * <p>A stream topic is created with {@code message.timestamp.type=LogAppendTime} (a record's timestamp is its
 * arrival time, as Kinesis's ApproximateArrivalTimestamp), {@code cleanup.policy=delete} and the stream's
 * {@code retention.ms} (Kafka then drops whole segments whose newest record is older, as the local log does).
 *
 * <p>Threading: thread-safe; every method blocks on the cluster for at most the timeout it was given.
 */
final class StreamTopics {

    private static final int METADATA_ATTEMPTS = 10;

    private final Admin admin;
    private final short replicationFactor;
    private final long defaultRetentionMillis;
    private final long timeoutMillis;
    /** Partition counts this node has seen per topic, so opening shard 3 after shard 5 needs no round trip. */
    private final Map<String, Integer> partitions = new ConcurrentHashMap<>();

    StreamTopics(Admin admin, short replicationFactor, long defaultRetentionMillis, long timeoutMillis) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.defaultRetentionMillis = defaultRetentionMillis;
        this.timeoutMillis = timeoutMillis;
    }

    /** Makes sure {@code topic} exists with at least {@code count} partitions. */
    void ensure(String topic, int count) throws IOException {
        if (partitions.getOrDefault(topic, 0) >= count) {
            return;
        }
        NewTopic created = new NewTopic(topic, Optional.of(count),
                replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor))
                .configs(Map.of(
                        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(defaultRetentionMillis),
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(ClientConfigs.MAX_MESSAGE_BYTES)));
        try {
            await(admin.createTopics(List.of(created)).all(), "create topic " + topic);
            partitions.merge(topic, count, Math::max);
            return;
        } catch (IOException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        if (current(topic) >= count) {
            return;
        }
        try {
            await(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(count))).all(),
                    "grow topic " + topic + " to " + count + " partitions");
        } catch (IOException e) {
            // another node grew it first, possibly further; the controller says so before our broker's metadata,
            // which describeTopics reads, shows it
            if (!(e.getCause() instanceof InvalidPartitionsException) || !grownTo(topic, count)) {
                throw e;
            }
        }
        partitions.merge(topic, count, Math::max);
    }

    /** Whether the topic shows at least {@code count} partitions within a few metadata refreshes. */
    private boolean grownTo(String topic, int count) throws IOException {
        for (int attempt = 1; ; attempt++) {
            if (current(topic) >= count) {
                return true;
            }
            if (attempt == METADATA_ATTEMPTS) {
                return false;
            }
            pause(attempt * 100L);
        }
    }

    /** Sets the retention of a topic: the stream's retention period. */
    void setRetention(String topic, long retentionMillis) throws IOException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp op = new AlterConfigOp(
                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMillis)),
                AlterConfigOp.OpType.SET);
        await(admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all(), "set retention of " + topic);
    }

    /** Deletes a topic; one that is already gone counts as deleted. */
    void delete(String topic) throws IOException {
        partitions.remove(topic);
        try {
            await(admin.deleteTopics(List.of(topic)).all(), "delete topic " + topic);
        } catch (IOException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    /** The partition count of a topic another node created; its metadata may take a moment to reach our broker. */
    private int current(String topic) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                int count = await(admin.describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic)
                        .get(topic).partitions().size();
                partitions.merge(topic, count, Math::max);
                return count;
            } catch (IOException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == METADATA_ATTEMPTS) {
                    throw e;
                }
                pause(attempt * 100L);
            }
        }
    }

    private static void pause(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for topic metadata");
        }
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) throws IOException {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("Kafka: cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("Kafka: cannot " + what + ": no answer within " + timeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + what);
        }
    }
}
