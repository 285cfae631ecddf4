package io.sluice.kafka.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    private static KafkaBroker shared;

    @BeforeAll
    static void startBroker() {
        long started = System.nanoTime();
        shared = KafkaBroker.start();
        System.out.printf("broker started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void closeBroker() {
        shared.close();
    }

    @Test
    void aRecordProducedToACreatedTopicIsConsumedBack() throws Exception {
        createTopic(shared, "round-trip");

        RecordMetadata written = produce(shared, "round-trip", "key", "value");
        List<ConsumerRecord<String, String>> read = consumeAll(shared, "round-trip", 1);

        assertThat(written.offset()).isZero();
        assertThat(read).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("key");
            assertThat(record.value()).isEqualTo("value");
        });
    }

    @Test
    void topicsAreNotCreatedAutomatically() throws Exception {
        try (Admin admin = admin(shared)) {
            try (KafkaProducer<String, String> producer = producer(shared, Map.of("max.block.ms", 2_000))) {
                producer.send(new ProducerRecord<>("never-created", "k", "v"));
                producer.flush();
            }
            assertThat(admin.listTopics().names().get()).doesNotContain("never-created");
        }
    }

    @Test
    void aKilledBrokerRestartsWithItsData() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            createTopic(broker, "survivor");
            produce(broker, "survivor", "key", "kept");
            long pid = broker.pid().orElseThrow();

            broker.kill();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(broker.pid()).isEmpty();
            long restarting = System.nanoTime();
            broker.restart();
            System.out.printf("broker restarted after a kill in %d ms%n", (System.nanoTime() - restarting) / 1_000_000);

            assertThat(consumeAll(broker, "survivor", 1)).extracting(ConsumerRecord::value).containsExactly("kept");
        }
    }

    @Test
    void closeLeavesNoProcessAndNoDirectory() {
        KafkaBroker broker = KafkaBroker.start();
        long pid = broker.pid().orElseThrow();

        long closing = System.nanoTime();
        broker.close();
        System.out.printf("broker closed in %d ms%n", (System.nanoTime() - closing) / 1_000_000);

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(broker.directory()).doesNotExist();
    }

    @Test
    void anOrphanedBrokerDeletesItsDirectoryAndExits() throws Exception {
        KafkaBroker broker = KafkaBroker.start();
        ProcessHandle child = ProcessHandle.of(broker.pid().orElseThrow()).orElseThrow();

        broker.orphanForTest();
        child.onExit().get();

        assertThat(broker.directory()).satisfies(directory -> assertThat(Files.exists(directory)).isFalse());
        broker.close();
    }

    private static void createTopic(KafkaBroker broker, String topic) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static RecordMetadata produce(KafkaBroker broker, String topic, String key, String value)
            throws Exception {
        try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(KafkaBroker broker, String topic, int count) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (records.size() < count) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(KafkaBroker broker, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("acks", "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
