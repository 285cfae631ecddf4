package io.sluice.storage.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

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
 * The usage topic ({@link KafkaSettings#usageTopic()}), created if missing: one partition, which every node
 * writes its reports to and reads every report from; {@code cleanup.policy=delete} with a retention of
 * {@link #RETENTION} and segments rolled as often, since a report matters only for an exchange interval and a
 * node that starts reads from the end. An existing topic is used as it is (reports go to partition 0 whatever its
 * partition count). Creation is race-safe: the nodes that lose the race find the topic there.
 *
 * <p><b>Threading</b>: stateless; blocks on the admin client.
 */
final class UsageTopic {

    static final Duration RETENTION = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private UsageTopic() {
    }

    static void ensure(KafkaSettings settings) throws IOException {
        String topic = settings.usageTopic();
        short replication = settings.replicationFactor();
        NewTopic wanted = new NewTopic(topic, Optional.of(1), replication < 0 ? Optional.empty()
                : Optional.of(replication)).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(RETENTION.toMillis()),
                        TopicConfig.SEGMENT_MS_CONFIG, Long.toString(RETENTION.toMillis())));
        try (Admin admin = Admin.create(ClientConfigs.admin(settings))) {
            admin.createTopics(List.of(wanted)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IOException("cannot create usage topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IOException("the Kafka admin client did not create usage topic " + topic + " within "
                    + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while creating usage topic " + topic);
        }
    }
}
