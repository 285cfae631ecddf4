package io.sluice.e2e.bench;

import io.sluice.common.Clock;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A benchmark, not a test: the time from the start of a PutRecord to the record's delivery, over SubscribeToShard
 * (the async SDK on HTTP/2) and over GetRecords polled in a tight loop, at a fixed rate, against a durable
 * (fsync on) in-process server. Prints p50, p99, p99.9 and max. Run:
 * <pre>
 * ./mvnw -q -pl e2e-tests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sluice.e2e.bench.DeliveryLatency -Dexec.args="1000 30"
 * </pre>
 * (arguments: records per second, seconds). Records carry the send time (System.nanoTime, same process).
 */
public final class DeliveryLatency {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "secret"));

    private DeliveryLatency() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dir = Files.createTempDirectory("sluice-latency");
        ServerConfig defaults = ServerConfig.defaults(dir).withPorts(0, -1);
        SluiceServer server = SluiceServer.start(defaults.withEngine(defaults.engine().withStatusDelays(0, 0, 0)
                .withLimits(LimitSettings.off())), Clock.system());
        URI endpoint = URI.create("http://127.0.0.1:" + server.port());
        try (KinesisClient sync = KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder().maxConnections(16))
                .build();
             KinesisAsyncClient async = KinesisAsyncClient.builder().endpointOverride(endpoint)
                     .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                     .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)).build()) {
            sync.createStream(b -> b.streamName("latency").shardCount(1));
            String consumer = sync.registerStreamConsumer(b -> b.streamARN(
                    "arn:aws:kinesis:us-east-1:000000000000:stream/latency").consumerName("bench")).consumer()
                    .consumerARN();
            int total = rate * seconds;
            long[] fanOut = new long[total];
            long[] polled = new long[total];
            AtomicInteger fanOutCount = new AtomicInteger();
            AtomicInteger polledCount = new AtomicInteger();
            CompletableFuture<Void> subscription = async.subscribeToShard(b -> b.consumerARN(consumer)
                            .shardId("shardId-000000000000").startingPosition(p -> p.type(ShardIteratorType.LATEST)),
                    SubscribeToShardResponseHandler.builder().subscriber(SubscribeToShardResponseHandler.Visitor
                            .builder().onSubscribeToShardEvent(event -> {
                                long now = System.nanoTime();
                                for (Record record : event.records()) {
                                    fanOut[fanOutCount.getAndIncrement()] = now - sentAt(record);
                                }
                            }).build()).build());
            Thread.sleep(1000);
            AtomicBoolean done = new AtomicBoolean();
            Thread poller = Thread.ofPlatform().start(() -> poll(sync, polled, polledCount, done));
            produce(sync, rate, total);
            long deadline = System.currentTimeMillis() + 10_000;
            while ((fanOutCount.get() < total || polledCount.get() < total) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            done.set(true);
            poller.join();
            subscription.cancel(true);
            System.out.printf("%d records at %d/s, fsync on, 2-core machine, client and server in one JVM%n",
                    total, rate);
            report("put -> SubscribeToShard event", fanOut, fanOutCount.get());
            report("put -> GetRecords (tight poll)", polled, polledCount.get());
        } finally {
            server.stop();
        }
    }

    private static long sentAt(Record record) {
        return record.data().asByteBuffer().getLong();
    }

    private static void produce(KinesisClient sync, int rate, int total) throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            senders.execute(() -> {
                ByteBuffer data = ByteBuffer.allocate(100);
                data.putLong(0, System.nanoTime());
                sync.putRecord(b -> b.streamName("latency").partitionKey("k").data(SdkBytes.fromByteBuffer(data)));
            });
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.MINUTES);
    }

    private static void poll(KinesisClient sync, long[] latencies, AtomicInteger count, AtomicBoolean done) {
        String iterator = sync.getShardIterator(b -> b.streamName("latency").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        while (!done.get()) {
            String current = iterator;
            GetRecordsResponse response = sync.getRecords(b -> b.shardIterator(current));
            long now = System.nanoTime();
            for (Record record : response.records()) {
                int i = count.getAndIncrement();
                if (i < latencies.length) {
                    latencies[i] = now - sentAt(record);
                }
            }
            iterator = response.nextShardIterator();
        }
    }

    private static void report(String name, long[] latencies, int count) {
        long[] sorted = Arrays.copyOf(latencies, Math.min(count, latencies.length));
        Arrays.sort(sorted);
        System.out.printf("%-32s n=%d p50=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.2f ms%n", name, sorted.length,
                at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
