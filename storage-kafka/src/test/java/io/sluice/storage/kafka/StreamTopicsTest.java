package io.sluice.storage.kafka;

import io.sluice.kafka.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Topic growth raced by other nodes, against a real broker. */
class StreamTopicsTest {

    private static KafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    /**
     * Seen in the cluster Jepsen test: two nodes followed the same split; one grew the topic, and the other's
     * broker metadata still showed the old count when the controller refused its own growth as already done.
     */
    @Test
    void growingATopicAnotherNodeGrewFirstSucceedsWhileThisNodesMetadataStillShowsTheOldCount() throws Exception {
        String topic = "grown-elsewhere";
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
        admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(2))).all().get();

        try (LaggingAdmin lagging = new LaggingAdmin(broker.bootstrapServers(), 2)) {
            new StreamTopics(lagging, (short) -1, 86_400_000L, 10_000).ensure(topic, 2);

            assertThat(lagging.staleAnswers.get()).as("both stale descriptions were read").isEqualTo(2);
        }
        assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(2);
    }

    /** An admin whose first {@code stale} topic descriptions show one partition fewer than the topic has. */
    private static final class LaggingAdmin extends ForwardingAdmin {
        private final int stale;
        final AtomicInteger staleAnswers = new AtomicInteger();

        LaggingAdmin(String bootstrapServers, int stale) {
            super(Map.of("bootstrap.servers", bootstrapServers));
            this.stale = stale;
        }

        @Override
        public DescribeTopicsResult describeTopics(TopicCollection topics, DescribeTopicsOptions options) {
            DescribeTopicsResult fresh = super.describeTopics(topics, options);
            if (staleAnswers.get() >= stale) {
                return fresh;
            }
            staleAnswers.incrementAndGet();
            try {
                Map<String, KafkaFuture<TopicDescription>> older = new HashMap<>();
                fresh.allTopicNames().get().forEach((name, d) -> older.put(name, KafkaFuture.completedFuture(
                        new TopicDescription(name, d.isInternal(), d.partitions().subList(0, d.partitions().size() - 1),
                                d.authorizedOperations(), d.topicId()))));
                return new DescribeTopicsResult(null, older) { };
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
