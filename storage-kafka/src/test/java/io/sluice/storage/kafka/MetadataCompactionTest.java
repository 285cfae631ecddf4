package io.sluice.storage.kafka;

import io.sluice.kafka.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata topic after Kafka's log cleaner has compacted it: superseded values, deleted keys and their
 * tombstones, and transaction markers are gone, and a node that starts then must still build the same view and
 * run atomic changes. The broker cleans every 100 ms and the topic rolls its segments every 100 ms, so compaction
 * happens within the test instead of after Sluice's one-minute compaction lag.
 */
class MetadataCompactionTest {

    private static final String PREFIX = "compacted.";
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(Map.of("log.cleaner.backoff.ms", "100"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            // created ahead of the store, as an operator may: the store checks it and uses it as it is
            admin.createTopics(List.of(new NewTopic(PREFIX + "metadata", 1, (short) 1).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.SEGMENT_MS_CONFIG, "100",
                    TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0",
                    TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01",
                    TopicConfig.DELETE_RETENTION_MS_CONFIG, "0")))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static KafkaMetaStore open(String node) throws Exception {
        return KafkaMetaStore.open(new KafkaSettings(broker.bootstrapServers(), Map.of(), PREFIX, (short) 1, node));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> texts(Map<String, byte[]> entries) {
        Map<String, String> result = new HashMap<>();
        entries.forEach((key, value) -> result.put(key, new String(value, StandardCharsets.UTF_8)));
        return result;
    }

    /** Records now in the topic (every value, tombstone and transaction marker the cleaner has left). */
    private static int recordsInTopic() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        TopicPartition partition = new TopicPartition(PREFIX + "metadata", 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            int count = 0;
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(200))) {
                    count++;
                }
            }
            return count;
        }
    }

    @Test
    void aNodeStartingAfterCompactionSeesTheSameEntriesAndRunsAtomicChanges() throws Exception {
        Map<String, String> expected = new HashMap<>();
        int written = 0;
        try (KafkaMetaStore a = open("a")) {
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 20; i++) {
                    a.put("stream/" + i, bytes("v" + round));
                    expected.put("stream/" + i, "v" + round);
                    written++;
                }
                a.put("gone/" + round, bytes("soon deleted"));
                a.delete("gone/" + round);
                written += 2;
                int r = round;
                a.atomically(() -> {
                    a.put("atomic", bytes("round " + r));
                    return null;
                });
                expected.put("atomic", "round " + r);
                written++;
                Thread.sleep(150); // the next write rolls the segment, which makes this one cleanable
            }
            a.put("last", bytes("rolls the last segment"));
            expected.put("last", "rolls the last segment");
            written++;

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int left = recordsInTopic();
            while (left >= written / 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                a.put("last", bytes("rolls the last segment"));
                left = recordsInTopic();
            }
            assertThat(left).as("records left of %d written", written).isLessThan(written / 2);

            try (KafkaMetaStore later = open("later")) {
                assertThat(texts(later.entries())).isEqualTo(expected);
                later.atomically(() -> {
                    later.put("after-compaction", bytes("from a later node"));
                    return null;
                });
                a.sync().get();
                assertThat(a.get("after-compaction")).isEqualTo(bytes("from a later node"));
                assertThat(texts(a.entries())).isEqualTo(texts(later.entries()));
            }
        }
    }
}
