package io.sluice.e2e;

import io.sluice.kafka.testkit.KafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Firehose failover on a cluster of two node processes on a real broker: the node delivering a delivery stream is
 * killed with SIGKILL while records it accepted wait in its buffer, and the other node, once the task group has
 * moved the stream's worker to it, delivers them from the stored checkpoint, with the records put through it
 * meanwhile: every acknowledged record arrives, at least once. Both nodes write to one local directory
 * destination, so the test reads what either delivered. Starts its own processes whatever backend the suites run
 * on.
 */
class FirehoseFailoverKillTest {

    private static final Duration DELIVERY = Duration.ofSeconds(90);
    private static final Pattern DELIVERED = Pattern.compile(
            "DeliveryToS3_Records_total\\{DeliveryStreamName=\"orders\"} ([0-9.E]+)");
    private static KafkaBroker broker;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void recordsOfAKilledDeliveringNodeAreDeliveredByTheOtherFromTheCheckpoint() throws Exception {
        Path objects = dir.resolve("objects");
        Path config = config(objects);
        Path logs = Path.of("target", "firehose-failover").toAbsolutePath();
        List<ClusterNodeProcess> nodes = new ArrayList<>();
        try {
            for (int n = 0; n < 2; n++) {
                nodes.add(ClusterNodeProcess.start("f" + n, broker.bootstrapServers(), dir.resolve("data-" + n),
                        config, logs));
            }
            call(nodes.get(0), "CreateDeliveryStream", "{\"DeliveryStreamName\":\"orders\","
                    + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::000000000000:role/f\","
                    + "\"BucketARN\":\"arn:aws:s3:::orders\",\"BufferingHints\":{\"SizeInMBs\":1,"
                    + "\"IntervalInSeconds\":2}}}");
            until(Duration.ofSeconds(10), () -> call(nodes.get(1), "DescribeDeliveryStream",
                    "{\"DeliveryStreamName\":\"orders\"}"), body -> body.contains("\"ACTIVE\""));

            List<String> sent = new ArrayList<>(put(nodes.get(1), "first", 20));
            until(DELIVERY, () -> delivered(objects), d -> d.containsAll(sent));
            int owner = until(DELIVERY, () -> deliveringNode(nodes), n -> n >= 0);
            ClusterNodeProcess survivor = nodes.get(1 - owner);

            // accepted into the buffer topic, most still in the owner's open buffer when it dies
            sent.addAll(put(survivor, "pending", 20));
            nodes.get(owner).kill();
            sent.addAll(put(survivor, "after", 20));

            Set<String> delivered = until(DELIVERY, () -> delivered(objects), d -> d.containsAll(sent));
            assertThat(delivered).as("records delivered, duplicates aside").containsExactlyInAnyOrderElementsOf(sent);
        } finally {
            nodes.forEach(ClusterNodeProcess::close);
        }
    }

    /** Polls {@code value} until {@code done} holds, and returns it; fails after {@code limit}. */
    private static <T> T until(Duration limit, Supplier<T> value, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not there after " + limit + ": " + last);
            }
            Thread.sleep(100);
            last = value.get();
        }
        return last;
    }

    /** Both nodes' settings: one master key, one destination directory, no delays or limits. */
    private Path config(Path objects) throws IOException {
        Path key = dir.resolve("master.key");
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.write(key, bytes);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path config = dir.resolve("cluster.properties");
        Files.writeString(config, String.join("\n", "kms.master-key-file=" + key,
                "kafka.topic-prefix=failover-" + Long.toHexString(System.nanoTime()) + ".",
                "auth.allow-unsigned=true", "firehose.local-dir=" + objects, "firehose.create-delay-ms=0",
                "streams.create-delay-ms=0", "limits.profile=off", ""));
        return config;
    }

    /** Puts {@code count} records through a node and returns them once it has acknowledged every one. */
    private List<String> put(ClusterNodeProcess node, String prefix, int count) {
        List<String> records = IntStream.range(0, count).mapToObj(i -> prefix + i + ";").toList();
        String body = records.stream().map(r -> "{\"Data\":\"" + Base64.getEncoder().encodeToString(
                r.getBytes(StandardCharsets.UTF_8)) + "\"}").collect(Collectors.joining(",",
                "{\"DeliveryStreamName\":\"orders\",\"Records\":[", "]}"));
        assertThat(call(node, "PutRecordBatch", body)).contains("\"FailedPutCount\":0");
        return records;
    }

    /** Which node reports deliveries of the stream, or -1 while none does. */
    private int deliveringNode(List<ClusterNodeProcess> nodes) {
        for (int n = 0; n < nodes.size(); n++) {
            Matcher m = DELIVERED.matcher(get(nodes.get(n).endpoint().resolve("/metrics")));
            if (m.find() && Double.parseDouble(m.group(1)) > 0) {
                return n;
            }
        }
        return -1;
    }

    /** Every record in the destination directory, duplicates folded. */
    private static Set<String> delivered(Path objects) {
        Path bucket = objects.resolve("orders");
        if (!Files.isDirectory(bucket)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(bucket)) {
            Set<String> records = new HashSet<>();
            // the store writes an object as a .tmp file and renames it into place
            for (Path file : files.filter(f -> Files.isRegularFile(f) && !f.toString().endsWith(".tmp")).toList()) {
                records.addAll(Arrays.asList(Files.readString(file).split("(?<=;)")));
            }
            return records;
        } catch (IOException | UncheckedIOException e) {
            // a file renamed as we looked: the next look sees it in place
            return Set.of();
        }
    }

    /** A Firehose call (JSON 1.1, unsigned: the nodes allow it); fails the test on a non-200 answer. */
    private String call(ClusterNodeProcess node, String action, String body) {
        HttpRequest request = HttpRequest.newBuilder(node.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Firehose_20150804." + action)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as("%s answered %s", action, response.body()).isEqualTo(200);
        return response.body();
    }

    private String get(URI uri) {
        return send(HttpRequest.newBuilder(uri).build()).body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
