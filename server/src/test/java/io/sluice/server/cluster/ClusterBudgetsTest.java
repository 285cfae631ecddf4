package io.sluice.server.cluster;

import io.sluice.common.ManualClock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.storage.kafka.KafkaSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one real broker, with AWS's limits, share a shard's write budget through the Kafka usage exchange,
 * as the servers wire it. The clock stands still, so no bucket refills during the test: what a node admits is
 * what its budget held, minus what the other node reported.
 */
class ClusterBudgetsTest {

    private static KafkaBroker broker;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(System.currentTimeMillis());

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private ServerConfig node(String name, Path key) {
        EngineConfig engine = EngineConfig.defaults().withStatusDelays(0, 0, 0);
        return ServerConfig.defaults(dir.resolve(name)).withPorts(0, -1)
                .withEngine(new EngineConfig(engine.createDelayMillis(), engine.updateDelayMillis(),
                        engine.deleteDelayMillis(), engine.iteratorTtlMillis(), engine.nextTokenTtlMillis(),
                        engine.shardLimit(), engine.retentionCheckMillis(), LimitSettings.aws(), key, List.of()))
                .withKafka(new KafkaSettings(broker.bootstrapServers(), Map.of(), "budgets.", (short) 1, name,
                        Duration.ofMillis(50)));
    }

    private static KinesisClient kinesis(SluiceServer server) {
        return KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @Test
    void whatOneNodeAdmittedIsChargedOnTheOtherSoTheShardTakesItsLimitNotTwice() throws Exception {
        Path key = dir.resolve("master.key");
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.write(key, bytes);
        try (SluiceServer a = SluiceServer.start(node("node-a", key), clock);
             SluiceServer b = SluiceServer.start(node("node-b", key), clock);
             KinesisClient throughA = kinesis(a);
             KinesisClient throughB = kinesis(b)) {
            throughA.createStream(r -> r.streamName("orders").shardCount(1));
            long limit = LimitSettings.aws().writeRecordsPerSecond();
            int admittedOnA = 0;
            for (int call = 0; call < limit / 500; call++) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("k")
                            .data(SdkBytes.fromUtf8String("r")).build());
                }
                admittedOnA += 500 - throughA.putRecords(r -> r.streamName("orders").records(entries))
                        .failedRecordCount();
            }
            assertThat(admittedOnA).as("node A alone takes the shard's whole second").isEqualTo(limit);

            // node B's own bucket is full; it admits until node A's report arrives, then nothing
            int admittedOnB = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (admittedOnB < limit && System.nanoTime() < deadline) {
                try {
                    throughB.putRecord(r -> r.streamName("orders").partitionKey("k")
                            .data(SdkBytes.fromUtf8String("r")));
                    admittedOnB++;
                } catch (ProvisionedThroughputExceededException throttled) {
                    break;
                }
            }
            assertThat(admittedOnB).as("node B was charged node A's usage before it used its own second")
                    .isLessThan((int) limit);
        }
    }
}
