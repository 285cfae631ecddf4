package io.sluice.firehose.source;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.firehose.CreateRequest;
import io.sluice.firehose.DeliveryStreamKey;
import io.sluice.firehose.DeliveryStreamType;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.DynamicPartitioning;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.storage.LogConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MSKAsSource delivery streams reading a topic of a real Kafka broker. */
class MskSourceDeliveryTest {

    private static final DeliveryStreamKey HOSE = new DeliveryStreamKey("000000000000", "us-east-1", "from-msk");
    private static final String CLUSTER = "arn:aws:kafka:us-east-1:000000000000:cluster/local/1a2b3c4d-5e6f";
    private static final String ROLE = "arn:aws:iam::000000000000:role/r";
    private static KafkaBroker broker;
    private static KafkaProducer<byte[], byte[]> producer;

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final String topic = "orders-" + UUID.randomUUID();
    private FirehoseEngine firehose;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.close();
    }

    @BeforeEach
    void open() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        firehose = openFirehose(new MskClusters(Map.of("local", broker.bootstrapServers()), null));
    }

    private FirehoseEngine openFirehose(MskClusters clusters) throws IOException {
        return new FirehoseEngine(FirehoseConfig.defaults(dir.resolve("firehose")).withStatusDelays(0, 0)
                .withBufferLog(new LogConfig(1 << 20, Duration.ofHours(1).toMillis(), 4096, false))
                .withMskClusters(clusters), clock, null, new LocalDirectoryObjectStore(dir.resolve("objects")),
                DeliveryObserver.NONE);
    }

    @AfterEach
    void close() {
        firehose.close();
    }

    private void create(Long readFromMillis) {
        S3Settings s3 = new S3Settings(ROLE, "arn:aws:s3:::bucket", "", null, new BufferingHints(5, 0),
                Compression.UNCOMPRESSED, null, null);
        firehose.create(new CreateRequest(HOSE, DeliveryStreamType.MSKAsSource, null, null, null,
                new ExtendedS3Destination(s3, Processing.NONE, false, null, DynamicPartitioning.DISABLED, null,
                        null), Map.of(), null, null,
                new CreateRequest.MskRequest(CLUSTER, topic, ROLE, "PRIVATE", readFromMillis)));
    }

    private void send(int partition, Long timestamp, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, timestamp, null,
                (value + "|").getBytes(StandardCharsets.UTF_8))).get();
    }

    private List<String> delivered() throws IOException {
        Path bucket = dir.resolve("objects").resolve("bucket");
        if (!Files.isDirectory(bucket)) {
            return List.of();
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.append(Files.readString(file));
            }
        }
        return Arrays.stream(out.toString().split("\\|")).filter(s -> !s.isEmpty()).sorted().toList();
    }

    /** Steps delivery until the delivered records satisfy {@code done}: the consumer fetches asynchronously. */
    private List<String> deliverUntil(Predicate<List<String>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> out = delivered();
        while (!done.test(out) && System.nanoTime() < deadline) {
            firehose.runOnce();
            clock.advance(Duration.ofMillis(500));
            Thread.sleep(20);
            out = delivered();
        }
        return out;
    }

    @Test
    void recordsFromReadFromTimestampOnAreDeliveredFromEveryPartition() throws Exception {
        send(0, 1_000L, "too-early");
        send(1, 5_000L, "p1-first");
        create(3_000L);
        send(0, null, "p0-later");
        send(2, null, "p2-later");

        List<String> out = deliverUntil(list -> list.size() >= 3);

        assertThat(out).containsExactly("p0-later", "p1-first", "p2-later");
    }

    @Test
    void readFromTheEpochStartsAtTheEarliestOffset() throws Exception {
        send(0, 1_000L, "oldest");
        create(0L);
        send(1, null, "newer");

        assertThat(deliverUntil(list -> list.size() >= 2)).containsExactly("newer", "oldest");
    }

    @Test
    void afterARestartReadingGoesOnWhereItStoppedWithoutDuplicates() throws Exception {
        create(0L);
        send(0, null, "first");
        assertThat(deliverUntil(list -> list.size() >= 1)).containsExactly("first");
        firehose.close();
        firehose = openFirehose(new MskClusters(Map.of(), broker.bootstrapServers()));
        send(0, null, "second");

        List<String> out = deliverUntil(list -> list.size() >= 2);
        for (int i = 0; i < 10; i++) {
            firehose.runOnce();
        }

        assertThat(delivered()).isEqualTo(out).containsExactly("first", "second");
    }

    @Test
    void aClusterWithoutBootstrapServersIsRefusedAtCreate() throws Exception {
        firehose.close();
        firehose = openFirehose(MskClusters.NONE);

        assertThatThrownBy(() -> create(null)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("firehose.msk.local.bootstrap-servers");
        });
    }

    @Test
    void putsIntoAnMskSourcedDeliveryStreamAreRefused() {
        create(null);

        assertThatThrownBy(() -> firehose.put(HOSE, List.of(new byte[]{1})))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("MSKAsSource");
                });
    }
}
