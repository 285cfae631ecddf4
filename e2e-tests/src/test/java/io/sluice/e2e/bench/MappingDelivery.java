package io.sluice.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.sluice.common.Clock;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.server.LambdaSettings;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A benchmark, not a test: Lambda event source mappings delivering to a no-op function (a loopback HTTP server
 * answering the Invoke API with {@code {}}), with an in-process, durable (fsync on) server.
 * <ul>
 *   <li>throughput: a 4-shard stream is filled with {@code records} 100-byte records, then a mapping is created
 *   from TRIM_HORIZON with the given BatchSize; records/s is the count over the time until the function has seen
 *   them all;</li>
 *   <li>latency: records put at 1,000/s (10 per PutRecords every 10 ms, over 4 shards) to a mapping with
 *   BatchSize 100 and MaximumBatchingWindowInSeconds 0; each record carries its send time, and the function
 *   reports p50/p99/max from the start of the put to the invocation's arrival.</li>
 * </ul>
 * Run:
 * <pre>
 * ./mvnw -q -pl e2e-tests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sluice.e2e.bench.MappingDelivery -Dexec.args="100000 30"
 * </pre>
 * (arguments: records for the throughput runs, seconds of the latency run).
 */
public final class MappingDelivery {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "secret"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EVENT_ID = "\"eventID\"".getBytes(StandardCharsets.UTF_8);

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicInteger latencyCount = new AtomicInteger();
    private volatile long[] latencies = new long[0];
    private volatile boolean measureLatency;

    private MappingDelivery() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        new MappingDelivery().run(records, seconds);
    }

    private void run(int records, int seconds) throws Exception {
        HttpServer function = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        function.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        function.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            if (measureLatency) {
                recordLatencies(body, now);
            } else {
                delivered.addAndGet(count(body, EVENT_ID));
            }
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        function.start();
        Path dir = Files.createTempDirectory("sluice-mapping-bench");
        ServerConfig defaults = ServerConfig.defaults(dir).withPorts(0, -1);
        SluiceServer server = SluiceServer.start(defaults.withEngine(defaults.engine().withStatusDelays(0, 0, 0)
                        .withLimits(LimitSettings.off())).withAllowUnsigned(true)
                .withLambda(new LambdaSettings(URI.create("http://127.0.0.1:" + function.getAddress().getPort()),
                        null, null, "us-east-1", Duration.ofSeconds(30))), Clock.system());
        URI endpoint = URI.create("http://127.0.0.1:" + server.port());
        try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder().maxConnections(16))
                .build()) {
            System.out.printf("fsync on, 2-core machine shared with other builds, server, function and client in "
                    + "one JVM%n");
            for (int batchSize : new int[] {100, 10_000}) {
                throughput(kinesis, endpoint, "throughput-" + batchSize, records, batchSize);
            }
            latency(kinesis, endpoint, seconds);
        } finally {
            server.stop();
            function.stop(0);
        }
    }

    private void throughput(KinesisClient kinesis, URI endpoint, String stream, int records, int batchSize)
            throws Exception {
        kinesis.createStream(b -> b.streamName(stream).shardCount(4));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(stream));
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            batch.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromByteArray(
                    new byte[100])).build());
            if (batch.size() == 500 || i == records - 1) {
                List<PutRecordsRequestEntry> entries = List.copyOf(batch);
                kinesis.putRecords(b -> b.streamName(stream).records(entries));
                batch.clear();
            }
        }
        delivered.set(0);
        long start = System.nanoTime();
        createMapping(endpoint, stream, batchSize, "TRIM_HORIZON");
        long deadline = System.currentTimeMillis() + 600_000;
        while (delivered.get() < records && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("BatchSize %,d: %,d records in %.2f s (from CreateEventSourceMapping): %,.0f records/s%n",
                batchSize, delivered.get(), elapsed, delivered.get() / elapsed);
    }

    private void latency(KinesisClient kinesis, URI endpoint, int seconds) throws Exception {
        String stream = "latency";
        kinesis.createStream(b -> b.streamName(stream).shardCount(4));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(stream));
        int total = 1000 * seconds;
        latencies = new long[total];
        latencyCount.set(0);
        measureLatency = true;
        createMapping(endpoint, stream, 100, "LATEST");
        Thread.sleep(3000); // the pollers start and read LATEST before the first put
        long start = System.nanoTime();
        for (int i = 0; i < total / 10; i++) {
            long wait = start + i * 10_000_000L - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long sentAt = System.nanoTime();
            List<PutRecordsRequestEntry> entries = new ArrayList<>(10);
            for (int r = 0; r < 10; r++) {
                ByteBuffer data = ByteBuffer.allocate(100).putLong(0, sentAt);
                entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + (i * 10 + r))
                        .data(SdkBytes.fromByteBuffer(data)).build());
            }
            kinesis.putRecords(b -> b.streamName(stream).records(entries));
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (latencyCount.get() < total && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        long[] sorted = Arrays.copyOf(latencies, Math.min(latencyCount.get(), total));
        Arrays.sort(sorted);
        System.out.printf("put -> invoke at 1,000 records/s, BatchSize 100, window 0: %,d records, p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n", sorted.length, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private void recordLatencies(byte[] body, long now) throws IOException {
        JsonNode event = JSON.readTree(body);
        for (JsonNode record : event.path("Records")) {
            long sentAt = ByteBuffer.wrap(Base64.getDecoder().decode(record.path("kinesis").path("data").asText()))
                    .getLong();
            int i = latencyCount.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = now - sentAt;
            }
        }
    }

    private static void createMapping(URI endpoint, String stream, int batchSize, String position)
            throws IOException, InterruptedException {
        String body = "{\"FunctionName\":\"noop\",\"EventSourceArn\":\"arn:aws:kinesis:us-east-1:000000000000:"
                + "stream/" + stream + "\",\"StartingPosition\":\"" + position + "\",\"BatchSize\":" + batchSize
                + ",\"MaximumBatchingWindowInSeconds\":0}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(endpoint + "/2015-03-31/event-source-mappings/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("CreateEventSourceMapping answered " + answer.statusCode() + ": "
                    + answer.body());
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * p)] / 1e6;
    }

    private static int count(byte[] body, byte[] needle) {
        int found = 0;
        outer:
        for (int i = 0; i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            found++;
        }
        return found;
    }
}
