package io.sluice.storage.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The topic whose partitions the task group shares out ({@link KafkaSettings#tasksTopic()}). It never holds a
 * record: only its partition count matters, and every node reads that count from the topic itself rather than
 * from its own settings, so all nodes map a task to the same partition. Several nodes may start at once: the one
 * whose create loses the race reads the winner's topic.
 *
 * <p><b>Threading</b>: stateless; {@link #ensure} from any thread.
 */
final class TasksTopic {

    private static final long TIMEOUT_SECONDS = 30;

    private TasksTopic() {
    }

    /**
     * Creates the tasks topic with the given partition count if it does not exist yet.
     *
     * @return the partition count of the topic as it exists now
     * @throws IOException the cluster could not be reached, or refused to create or describe the topic
     */
    static int ensure(KafkaSettings settings, int partitions) throws IOException {
        String topic = settings.tasksTopic();
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.nodeId() + "-tasks-admin");
        try (Admin admin = Admin.create(config)) {
            short replication = settings.replicationFactor();
            NewTopic wanted = new NewTopic(topic, Optional.of(partitions),
                    replication < 0 ? Optional.empty() : Optional.of(replication));
            try {
                await(admin.createTopics(List.of(wanted)).all(), "create topic " + topic);
            } catch (IOException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return describe(admin, topic).partitions().size();
        }
    }

    /** Describes the topic, waiting while a broker has not yet heard of a topic that was just created. */
    private static TopicDescription describe(Admin admin, String topic) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                return await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic),
                        "describe topic " + topic);
            } catch (IOException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    private static <T> T await(KafkaFuture<T> future, String what) throws IOException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("could not " + what + " within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while trying to " + what, e);
        }
    }
}
