package io.sluice.server.cluster;

import io.sluice.common.Clock;
import io.sluice.engine.EngineConfig;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.storage.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node on the Kafka backend, started as {@code bin/sluice server --backend kafka} starts it, against a real
 * broker: it serves the Kinesis API through the AWS SDK with its streams in Kafka topics, serves Firehose and
 * analytics with their state in Kafka, reports its connection on /health, and does not start without a master key
 * file.
 */
class ClusterStartupTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static KafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** A node on the broker, under a topic prefix of its own, with a master key file of its own. */
    private ServerConfig clusterConfig(String prefix) throws Exception {
        Path key = dir.resolve("master.key");
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.write(key, bytes);
        EngineConfig engine = EngineConfig.defaults().withStatusDelays(0, 0, 0);
        return ServerConfig.defaults(dir.resolve("data")).withPorts(0, -1)
                .withEngine(new EngineConfig(engine.createDelayMillis(), engine.updateDelayMillis(),
                        engine.deleteDelayMillis(), engine.iteratorTtlMillis(), engine.nextTokenTtlMillis(),
                        engine.shardLimit(), engine.retentionCheckMillis(), engine.limits(), key, List.of()))
                .withKafka(new KafkaSettings(broker.bootstrapServers(), Map.of(), prefix, (short) 1, "node-a"));
    }

    private static String uniquePrefix() {
        return "startup" + PREFIXES.incrementAndGet() + ".";
    }

    private static KinesisClient kinesis(SluiceServer server) {
        return KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .build();
    }

    @Test
    void aNodeOnKafkaServesCreatePutAndGetThroughTheSdkWithTheStreamInATopic() throws Exception {
        String prefix = uniquePrefix();
        try (SluiceServer server = SluiceServer.start(clusterConfig(prefix), Clock.system());
             KinesisClient client = kinesis(server)) {
            client.createStream(b -> b.streamName("orders").shardCount(2));
            client.waiter().waitUntilStreamExists(b -> b.streamName("orders"));
            assertThat(client.describeStreamSummary(b -> b.streamName("orders")).streamDescriptionSummary()
                    .streamStatus()).isEqualTo(StreamStatus.ACTIVE);

            List<PutRecordResponse> puts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                puts.add(client.putRecord(b -> b.streamName("orders").partitionKey("key-" + n)
                        .data(SdkBytes.fromUtf8String("record-" + n))));
            }
            List<String> read = new ArrayList<>();
            for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
                String iterator = client.getShardIterator(b -> b.streamName("orders").shardId(shard)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                GetRecordsResponse records = client.getRecords(b -> b.shardIterator(iterator).limit(100));
                for (Record record : records.records()) {
                    read.add(record.data().asUtf8String());
                    assertThat(puts).anySatisfy(put -> assertThat(put.sequenceNumber())
                            .isEqualTo(record.sequenceNumber()));
                }
            }
            assertThat(read).hasSize(20);
            assertThat(Set.copyOf(read)).hasSize(20).allSatisfy(data -> assertThat(data).startsWith("record-"));

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get())
                        .contains(prefix + "metadata", prefix + "tasks")
                        .anySatisfy(topic -> assertThat(topic).startsWith(prefix + "stream.").contains("orders"));
            }
        }
        // nothing acknowledged lives on the node's disk: no local metadata, logs, buffers or application state
        for (String local : List.of("meta", "logs", "firehose", "analytics")) {
            assertThat(dir.resolve("data").resolve(local)).doesNotExist();
        }
    }

    @Test
    void firehoseAndAnalyticsAreServedWithTheirStateInTheClusterMetadata() throws Exception {
        try (SluiceServer server = SluiceServer.start(clusterConfig(uniquePrefix()).withAllowUnsigned(true),
                Clock.system())) {
            HttpResponse<String> firehose = call(server, "Firehose_20150804.ListDeliveryStreams");
            assertThat(firehose.statusCode()).isEqualTo(200);
            assertThat(firehose.body()).contains("\"DeliveryStreamNames\":[]");

            HttpResponse<String> analytics = call(server, "KinesisAnalytics_20150814.ListApplications");
            assertThat(analytics.statusCode()).isEqualTo(200);
            assertThat(analytics.body()).contains("\"ApplicationSummaries\":[]");
        }
    }

    @Test
    void healthNamesTheBackendAndTheNodeAndSaysItIsConnected() throws Exception {
        try (SluiceServer server = SluiceServer.start(clusterConfig(uniquePrefix()), Clock.system())) {
            HttpResponse<String> health = health(server);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo(
                    "{\"status\":\"ok\",\"backend\":\"kafka\",\"node\":\"node-a\",\"connected\":true}");
        }
    }

    @Test
    void healthAnswers503OnceTheNodeStopsFollowingTheMetadata() throws Exception {
        String prefix = uniquePrefix();
        try (SluiceServer server = SluiceServer.start(clusterConfig(prefix), Clock.system())) {
            assertThat(health(server).statusCode()).isEqualTo(200);
            // a metadata record of a format version this node cannot read (as a newer Sluice would write) stops
            // its applier: it must say so rather than serve from a view that no longer follows the cluster
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(prefix + "metadata", "future".getBytes(StandardCharsets.UTF_8),
                        new byte[]{99, 1, 2, 3})).get();
            }
            HttpResponse<String> health = health(server);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (health.statusCode() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                health = health(server);
            }
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).isEqualTo(
                    "{\"status\":\"disconnected\",\"backend\":\"kafka\",\"node\":\"node-a\",\"connected\":false}");
        }
    }

    @Test
    void aClusterNodeWithoutAMasterKeyFileIsRefusedBeforeItStarts() {
        ServerConfig local = ServerConfig.defaults(dir.resolve("data")).withPorts(0, -1);
        assertThatThrownBy(() -> local.withKafka(new KafkaSettings(broker.bootstrapServers(), Map.of(),
                uniquePrefix(), (short) 1, "node-a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kms.master-key-file")
                .hasMessageContaining("same master key");
    }

    private static HttpResponse<String> health(SluiceServer server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(SluiceServer server, String target) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
