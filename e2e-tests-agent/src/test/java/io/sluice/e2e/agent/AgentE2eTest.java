package io.sluice.e2e.agent;

import io.sluice.agent.run.Agent;
import io.sluice.agent.run.AgentLauncher;
import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent with a real agent.json, tailing real files into a real server, read back with the AWS SDK. */
class AgentE2eTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    @TempDir
    Path dir;

    private static KinesisClient kinesis() {
        return kinesis(SERVER.endpoint());
    }

    static KinesisClient kinesis(URI endpoint) {
        return KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    /** Creates the stream and waits until it is ACTIVE. */
    static void createActiveStream(KinesisClient kinesis, String name, int shards) throws InterruptedException {
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        until(() -> kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary()
                .streamStatus(), s -> s == StreamStatus.ACTIVE);
    }

    private static FirehoseClient firehose() {
        return FirehoseClient.builder().endpointOverride(SERVER.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @Test
    void everyLineOfATailedFileReachesTheStreamAsJson() throws Exception {
        try (KinesisClient kinesis = kinesis()) {
            createActiveStream(kinesis, "web-logs", 2);
            Path log = dir.resolve("access.log");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                lines.add("192.168.1." + (i % 250) + " - frank [10/Oct/2000:13:55:36 -0700] \"GET /page/" + i
                        + " HTTP/1.0\" 200 " + (1000 + i));
            }
            Files.write(log, lines.subList(0, 100));
            String flows = """
                    [{"filePattern": "%s", "kinesisStream": "web-logs", "initialPosition": "START_OF_FILE",
                      "partitionKeyOption": "DETERMINISTIC", "maxBufferAgeMillis": 1000,
                      "dataProcessingOptions": [{"optionName": "LOGTOJSON", "logFormat": "COMMONAPACHELOG"}]}]
                    """.formatted(dir.resolve("access.log*"));
            try (Agent agent = AgentLauncher.launch(AgentJson.read(AgentJson.of(SERVER.endpoint(),
                    dir.resolve("checkpoints"), flows)))) {
                Files.write(log, lines.subList(100, 300), StandardOpenOption.APPEND);

                List<String> records = until(() -> StreamContents.read(kinesis, "web-logs"), r -> r.size() >= 300);

                assertThat(records).hasSize(300).allSatisfy(r -> assertThat(r).startsWith("{").endsWith("}\n"));
                List<String> requests = records.stream().map(r -> r.replaceAll(".*\"request\":\"([^\"]*)\".*\n",
                        "$1")).sorted().toList();
                assertThat(requests).containsExactlyInAnyOrderElementsOf(lines.stream()
                        .map(l -> l.replaceAll(".*\"(GET [^\"]*)\".*", "$1")).toList());
                assertThat(records).anySatisfy(r -> assertThat(r).contains("\"host\":\"192.168.1.7\"",
                        "\"response\":\"200\""));
                assertThat(agent.registry().scrape()).contains("agent_records_sent_total");
            }
        }
    }

    @Test
    void linesTailedIntoADeliveryStreamReachTheLocalDirectoryDestination() throws Exception {
        try (FirehoseClient firehose = firehose()) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("app-events").extendedS3DestinationConfiguration(
                    s -> s.bucketARN("arn:aws:s3:::agent-events").roleARN("arn:aws:iam::000000000000:role/firehose")
                            .bufferingHints(h -> h.intervalInSeconds(1).sizeInMBs(1))));
            until(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("app-events"))
                    .deliveryStreamDescription().deliveryStreamStatus(), s -> s == DeliveryStreamStatus.ACTIVE);
            Path log = dir.resolve("app.log");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                lines.add("{\"event\":" + i + ",\"kind\":\"click\"}");
            }
            Files.write(log, lines);
            String flows = """
                    [{"filePattern": "%s", "deliveryStream": "app-events", "initialPosition": "START_OF_FILE",
                      "maxBufferAgeMillis": 1000, "maxBufferSizeRecords": 100, "aggregatedRecordSizeBytes": 2048}]
                    """.formatted(log);
            try (Agent agent = AgentLauncher.launch(AgentJson.read(AgentJson.of(SERVER.endpoint(),
                    dir.resolve("checkpoints"), flows)))) {
                Path bucket = SERVER.dataDir().resolve("firehose/objects/agent-events");

                List<String> delivered = until(() -> objectLines(bucket), d -> d.size() >= 500);

                assertThat(delivered).containsExactlyInAnyOrderElementsOf(lines);
            }
        }
    }

    /** The lines of every object in the bucket's directory. */
    private static List<String> objectLines(Path bucket) {
        if (!Files.isDirectory(bucket)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(bucket)) {
            List<String> lines = new ArrayList<>();
            for (Path file : files.filter(f -> Files.isRegularFile(f) && !f.toString().endsWith(".tmp")).toList()) {
                lines.addAll(Arrays.asList(Files.readString(file).split("\n")));
            }
            return lines;
        } catch (IOException | UncheckedIOException e) {
            // an object renamed into place as we looked: the next look sees it
            return List.of();
        }
    }

    static <T> T until(Supplier<T> value, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = value.get();
        while (!done.test(last)) {
            assertThat(System.nanoTime()).as("still not there after 60 s: %s", last).isLessThan(deadline);
            Thread.sleep(100);
            last = value.get();
        }
        return last;
    }
}
