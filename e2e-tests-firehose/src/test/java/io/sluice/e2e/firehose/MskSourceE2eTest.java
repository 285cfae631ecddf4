package io.sluice.e2e.firehose;

import io.sluice.common.Clock;
import io.sluice.engine.EngineConfig;
import io.sluice.firehose.source.MskClusters;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.MSKSourceDescription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An MSKAsSource delivery stream created through the AWS SDK for Java v2 on a server whose settings name the
 * cluster's bootstrap servers, reading a topic of a real Kafka broker into the local directory destination.
 */
class MskSourceE2eTest {

    private static final String CLUSTER = "arn:aws:kafka:us-east-1:000000000000:cluster/local/0f1e2d3c-4b5a";
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    @TempDir
    static Path dir;
    private static SluiceServer server;
    private static FirehoseClient firehose;

    @BeforeAll
    static void start() throws Exception {
        ServerConfig defaults = ServerConfig.defaults(dir).withPorts(0, -1)
                .withEngine(EngineConfig.defaults().withStatusDelays(0, 0, 0));
        server = SluiceServer.start(defaults.withFirehose(defaults.firehose().withStatusDelays(100, 100)
                .withMskClusters(new MskClusters(Map.of("local", ClusterBroker.bootstrapServers()), null))),
                Clock.system());
        firehose = FirehoseClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @AfterAll
    static void stop() {
        firehose.close();
        server.close();
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ClusterBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
    }

    private static void produce(String topic, String... values) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ClusterBroker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static String delivered(String bucket) {
        Path root = dir.resolve("firehose/objects").resolve(bucket);
        if (!Files.isDirectory(root)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.append(Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static ExtendedS3DestinationConfiguration destination(String bucket) {
        return ExtendedS3DestinationConfiguration.builder().roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket)
                .bufferingHints(BufferingHints.builder().sizeInMBs(1).intervalInSeconds(0).build()).build();
    }

    @Test
    void aTopicsRecordsFromTheEpochOnReachTheDestinationAndTheSourceIsDescribed() throws Exception {
        createTopic("clicks");
        produce("clicks", "before-create|");
        firehose.createDeliveryStream(r -> r.deliveryStreamName("from-msk")
                .deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE)
                .mskSourceConfiguration(m -> m.mskClusterARN(CLUSTER).topicName("clicks")
                        .authenticationConfiguration(a -> a.roleARN(ROLE).connectivity("PRIVATE"))
                        .readFromTimestamp(Instant.EPOCH))
                .extendedS3DestinationConfiguration(destination("msk-lake")));
        Await.until(Duration.ofSeconds(10), () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(
                "from-msk")).deliveryStreamDescription().deliveryStreamStatus(), s -> s == DeliveryStreamStatus.ACTIVE);
        produce("clicks", "after-create|");

        String out = Await.until(Duration.ofSeconds(30), () -> delivered("msk-lake"),
                s -> s.contains("before-create|") && s.contains("after-create|"));

        assertThat(out).hasSize("before-create|after-create|".length());
        MSKSourceDescription source = firehose.describeDeliveryStream(r -> r.deliveryStreamName("from-msk"))
                .deliveryStreamDescription().source().mskSourceDescription();
        assertThat(source.mskClusterARN()).isEqualTo(CLUSTER);
        assertThat(source.topicName()).isEqualTo("clicks");
        assertThat(source.readFromTimestamp()).isEqualTo(Instant.EPOCH);
        assertThat(source.authenticationConfiguration().connectivityAsString()).isEqualTo("PRIVATE");
        assertThat(firehose.listDeliveryStreams(r -> r.deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE))
                .deliveryStreamNames()).containsExactly("from-msk");
        assertThatThrownBy(() -> firehose.putRecord(r -> r.deliveryStreamName("from-msk")
                .record(x -> x.data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("x")))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("MSKAsSource");
    }

    @Test
    void aClusterTheSettingsDoNotNameIsRefusedSayingWhichSettingToSet() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("unknown-cluster")
                .deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE)
                .mskSourceConfiguration(m -> m.mskClusterARN(
                                "arn:aws:kafka:us-east-1:000000000000:cluster/elsewhere/9a8b")
                        .topicName("clicks").authenticationConfiguration(a -> a.roleARN(ROLE).connectivity("PUBLIC")))
                .extendedS3DestinationConfiguration(destination("msk-lake"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("firehose.msk.elsewhere.bootstrap-servers");
    }

    @Test
    void anMskSourceWithoutItsAuthenticationIsAValidationError() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("no-auth")
                .deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE)
                .mskSourceConfiguration(m -> m.mskClusterARN(CLUSTER).topicName("bad topic!"))
                .extendedS3DestinationConfiguration(destination("msk-lake"))))
                .isInstanceOfSatisfying(FirehoseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("topicName").contains("authenticationConfiguration");
                });
    }
}
