package io.sluice.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is lost: writers put records into a server process and remember what was acknowledged;
 * the process is killed with SIGKILL at a random moment and restarted; every acknowledged record is there exactly
 * once, in order, with its data intact. Also: SIGTERM stops the server gracefully with exit code 0.
 */
class CrashRecoveryTest {

    private static final int WRITERS = 4;

    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path config = dir.resolve("sluice.properties");
        Files.writeString(config, "streams.create-delay-ms=0\nstreams.delete-delay-ms=0\nlimits.profile=off\n");
        return config;
    }

    record Acked(String shardId, String sequenceNumber, String data) {
    }

    @Test
    void everyAcknowledgedRecordSurvivesSigkillExactlyOnceAndInOrder() throws Exception {
        long seed = System.nanoTime();
        System.out.println("CrashRecoveryTest seed=" + seed);
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        int port = ServerProcess.freePort();
        List<List<Acked>> acked = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(data, config(), port)) {
            try (KinesisClient setup = Clients.sync(server.endpoint(), true, 0)) {
                setup.createStream(b -> b.streamName("crash").shardCount(4));
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                List<Acked> mine = Collections.synchronizedList(new ArrayList<>());
                acked.add(mine);
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> write(server, writer, mine, stop)));
            }
            Thread.sleep(300 + random.nextInt(1500));
            server.kill();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join(30_000);
            }
        }
        int total = acked.stream().mapToInt(List::size).sum();
        System.out.println("acknowledged before SIGKILL: " + total);
        assertThat(total).as("writers got acknowledgements before the kill").isPositive();

        try (ServerProcess restarted = ServerProcess.start(data, config(), port);
             KinesisClient client = Clients.sync(restarted.endpoint(), true, 0)) {
            Map<String, List<Record>> byShard = new HashMap<>();
            for (int s = 0; s < 4; s++) {
                String shard = String.format("shardId-%012d", s);
                byShard.put(shard, readAll(client, shard));
            }
            Set<String> seen = new HashSet<>();
            for (List<Record> records : byShard.values()) {
                for (Record record : records) {
                    assertThat(seen.add(record.data().asUtf8String())).as("no duplicate " + record.data().asUtf8String())
                            .isTrue();
                }
            }
            for (List<Acked> writer : acked) {
                for (Acked ack : writer) {
                    List<Record> shard = byShard.get(ack.shardId());
                    Record found = shard.stream().filter(r -> r.sequenceNumber().equals(ack.sequenceNumber()))
                            .findFirst().orElse(null);
                    assertThat(found).as("acknowledged record " + ack).isNotNull();
                    assertThat(found.data().asUtf8String()).isEqualTo(ack.data());
                }
                List<String> expectedOrder = writer.stream().map(Acked::data).toList();
                if (!writer.isEmpty()) {
                    List<String> readOrder = byShard.get(writer.get(0).shardId()).stream()
                            .map(r -> r.data().asUtf8String()).filter(expectedOrder::contains).toList();
                    assertThat(readOrder).isEqualTo(expectedOrder);
                }
            }
        }
    }

    private static void write(ServerProcess server, int writer, List<Acked> acked, AtomicBoolean stop) {
        try (KinesisClient client = Clients.sync(server.endpoint(), true, 0)) {
            int n = 0;
            while (!stop.get()) {
                int first = n;
                List<PutRecordsRequestEntry> batch = IntStream.range(0, 20)
                        .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("writer-" + writer)
                                .data(SdkBytes.fromUtf8String("w" + writer + "-" + (first + i) + "-" + "x".repeat(100)))
                                .build()).toList();
                n += 20;
                PutRecordsResponse response = client.putRecords(b -> b.streamName("crash").records(batch));
                for (int i = 0; i < batch.size(); i++) {
                    var result = response.records().get(i);
                    if (result.errorCode() == null) {
                        acked.add(new Acked(result.shardId(), result.sequenceNumber(),
                                batch.get(i).data().asUtf8String()));
                    }
                }
            }
        } catch (RuntimeException expectedOnceKilled) {
            // the server died under this writer: what it acknowledged so far is the set to check
        }
    }

    private static List<Record> readAll(KinesisClient client, String shard) {
        List<Record> records = new ArrayList<>();
        String it = client.getShardIterator(b -> b.streamName("crash").shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (true) {
            String current = it;
            GetRecordsResponse response = client.getRecords(b -> b.shardIterator(current));
            if (response.records().isEmpty()) {
                return records;
            }
            records.addAll(response.records());
            it = response.nextShardIterator();
        }
    }

    @Test
    void sigtermStopsGracefullyWithExitCodeZeroAndKeepsData() throws Exception {
        Path data = dir.resolve("graceful");
        int port = ServerProcess.freePort();
        String sequence;
        try (ServerProcess server = ServerProcess.start(data, config(), port);
             KinesisClient client = Clients.sync(server.endpoint(), true, 0)) {
            client.createStream(b -> b.streamName("graceful").shardCount(1));
            sequence = client.putRecord(b -> b.streamName("graceful").partitionKey("k")
                    .data(SdkBytes.fromUtf8String("kept"))).sequenceNumber();
            assertThat(server.terminate()).as("exit code after SIGTERM").isZero();
            assertThat(server.output()).contains("stopped");
        }
        try (ServerProcess server = ServerProcess.start(data, config(), port);
             KinesisClient client = Clients.sync(server.endpoint(), true, 0)) {
            String it = client.getShardIterator(b -> b.streamName("graceful").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            Record record = client.getRecords(b -> b.shardIterator(it)).records().get(0);
            assertThat(record.sequenceNumber()).isEqualTo(sequence);
            assertThat(record.data().asUtf8String()).isEqualTo("kept");
        }
    }
}
