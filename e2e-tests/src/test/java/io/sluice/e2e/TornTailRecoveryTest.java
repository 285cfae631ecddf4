package io.sluice.e2e;

import io.sluice.common.Clock;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shard log whose tail was torn (truncated mid-entry) or overwritten with garbage is cut back to its last
 * complete entry when the server starts: clients read every complete record intact and never a torn one, and
 * new writes carry on after it.
 */
class TornTailRecoveryTest {

    @TempDir
    Path dataDir;

    private SluiceServer start() throws Exception {
        ServerConfig defaults = ServerConfig.defaults(dataDir).withPorts(0, -1);
        return SluiceServer.start(defaults.withEngine(defaults.engine().withStatusDelays(0, 0, 0)
                .withLimits(io.sluice.engine.limits.LimitSettings.off())), Clock.system());
    }

    private Path tailSegment() throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("logs"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
        }
    }

    private static List<String> readAll(KinesisClient client) {
        String it = client.getShardIterator(b -> b.streamName("torn").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<String> data = new ArrayList<>();
        while (true) {
            String current = it;
            var response = client.getRecords(b -> b.shardIterator(current));
            if (response.records().isEmpty()) {
                return data;
            }
            response.records().stream().map(Record::data).map(SdkBytes::asUtf8String).forEach(data::add);
            it = response.nextShardIterator();
        }
    }

    @Test
    void tornAndCorruptTailsAreCutAndNeverServed() throws Exception {
        long seed = System.nanoTime();
        System.out.println("TornTailRecoveryTest seed=" + seed);
        Random random = new Random(seed);
        List<String> written = IntStream.range(0, 100).mapToObj(i -> "record-" + i + "-" + "z".repeat(50)).toList();
        try (SluiceServer server = start();
             KinesisClient client = Clients.sync(java.net.URI.create("http://127.0.0.1:" + server.port()), true, 0)) {
            client.createStream(b -> b.streamName("torn").shardCount(1));
            client.putRecords(b -> b.streamName("torn").records(written.stream()
                    .map(d -> PutRecordsRequestEntry.builder().partitionKey("k").data(SdkBytes.fromUtf8String(d))
                            .build()).toList()));
        }

        Path segment = tailSegment();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(file.length() - 1 - random.nextInt(40));
        }
        try (SluiceServer server = start();
             KinesisClient client = Clients.sync(java.net.URI.create("http://127.0.0.1:" + server.port()), true, 0)) {
            assertThat(readAll(client)).isEqualTo(written.subList(0, 99));
        }

        byte[] garbage = new byte[64 + random.nextInt(200)];
        random.nextBytes(garbage);
        Files.write(segment, garbage, java.nio.file.StandardOpenOption.APPEND);
        try (SluiceServer server = start();
             KinesisClient client = Clients.sync(java.net.URI.create("http://127.0.0.1:" + server.port()), true, 0)) {
            assertThat(readAll(client)).isEqualTo(written.subList(0, 99));
            client.putRecord(b -> b.streamName("torn").partitionKey("k").data(SdkBytes.fromUtf8String("after")));
            List<String> all = readAll(client);
            assertThat(all).hasSize(100);
            assertThat(all.getLast()).isEqualTo("after");
        }
    }
}
