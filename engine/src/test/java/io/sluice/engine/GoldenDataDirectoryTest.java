package io.sluice.engine;

import io.sluice.common.ManualClock;
import io.sluice.common.SequenceNumber;
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Today's engine opens data directories written by released versions (see {@code golden/README.md}) and serves
 * what they served.
 */
class GoldenDataDirectoryTest {

    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_100_000L);

    @Test
    void directoryWrittenBy0a647f3IsServedWithTheSameRecordsAndSequenceNumbers() throws Exception {
        copyGolden("sluice-0a647f3");
        List<String> expected = expected("sluice-0a647f3");
        try (KinesisEngine engine = open()) {
            List<String> served = new ArrayList<>();
            for (String name : List.of("plain", "sealed", "split")) {
                StreamKey key = new StreamKey(ACCOUNT, REGION, name);
                for (ShardMeta shard : engine.describe(key).meta().shards()) {
                    served.addAll(records(engine, key, shard));
                    served.add(String.join(" ", name, shard.id().toString(), "start",
                            shard.startingSequenceNumber().format(),
                            shard.isSealed() ? shard.endingSequenceNumber().format() : "open"));
                }
            }
            assertThat(served).containsExactlyElementsOf(expected);
            StreamKey plain = new StreamKey(ACCOUNT, REGION, "plain");
            assertThat(engine.settings().tags(plain)).isEqualTo(Map.of("team", "ingest", "env", "golden"));
            assertThat(engine.consumers().list(plain, 10, null).consumers())
                    .extracting(view -> view.meta().name()).containsExactly("golden-consumer");
            assertThat(engine.describe(new StreamKey(ACCOUNT, REGION, "split")).meta().shard(0).isSealed()).isTrue();
        }
    }

    @Test
    void directoryWrittenBy94d823eIsServedWithItsRecords() throws Exception {
        copyGolden("sluice-94d823e");
        // 94d823e numbered a record by its offset; b9f3131 moved every number up by one (position = offset + 1)
        List<String> expected = expected("sluice-94d823e").stream().map(line -> {
            String[] f = line.split(" ");
            f[2] = new BigInteger(f[2]).add(BigInteger.ONE).toString();
            return String.join(" ", f);
        }).toList();
        try (KinesisEngine engine = open()) {
            List<String> served = new ArrayList<>();
            for (String name : List.of("plain", "split")) {
                StreamKey key = new StreamKey(ACCOUNT, REGION, name);
                for (ShardMeta shard : engine.describe(key).meta().shards()) {
                    served.addAll(records(engine, key, shard));
                }
            }
            assertThat(served).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void oldStreamsKeepTheirThirtyEightDigitNumbersAndNewStreamsGetFiftySix() throws Exception {
        copyGolden("sluice-0a647f3");
        try (KinesisEngine engine = open()) {
            StreamKey plain = new StreamKey(ACCOUNT, REGION, "plain");
            String old = engine.records().putRecord(plain, entry("pk", "after upgrade")).join().sequenceNumber().format();
            assertThat(old).hasSize(38);
            String lastGolden = expected("sluice-0a647f3").stream().filter(l -> l.startsWith("plain ")
                    && !l.contains(" start ")).reduce((a, b) -> b).orElseThrow().split(" ")[2];
            assertThat(new BigInteger(old)).isEqualTo(new BigInteger(lastGolden).add(BigInteger.ONE));
            String at = engine.records().getShardIterator(plain, "shardId-000000000000", IteratorType.AT_SEQUENCE_NUMBER,
                    lastGolden, null);
            List<ReadRecord> read = engine.records().getRecords(at, 10).records();
            assertThat(read).extracting(r -> r.sequenceNumber().format()).containsExactly(lastGolden, old);
            engine.shards().split(plain, "shardId-000000000000", BigInteger.ONE.shiftLeft(127));
            clock.advance(java.time.Duration.ofMinutes(1));
            assertThat(engine.describe(plain).meta().shards()).hasSize(3)
                    .allSatisfy(shard -> assertThat(shard.startingSequenceNumber().format()).hasSize(38));

            StreamKey fresh = new StreamKey(ACCOUNT, REGION, "fresh");
            engine.streams().create(fresh, 1, null, null);
            clock.advance(java.time.Duration.ofMinutes(1));
            SequenceNumber first = engine.records().putRecord(fresh, entry("pk", "new")).join().sequenceNumber();
            assertThat(first.format()).hasSize(56);
            String after = engine.records().getShardIterator(fresh, "shardId-000000000000",
                    IteratorType.AFTER_SEQUENCE_NUMBER,
                    engine.describe(fresh).meta().shard(0).startingSequenceNumber().format(), null);
            assertThat(engine.records().getRecords(after, 10).records()).extracting(ReadRecord::sequenceNumber)
                    .containsExactly(first);
        }
        try (KinesisEngine reopened = open()) {
            assertThat(reopened.describe(new StreamKey(ACCOUNT, REGION, "plain")).meta().sequenceLayout())
                    .isEqualTo(SequenceNumber.Layout.COMPACT_38);
            assertThat(reopened.describe(new StreamKey(ACCOUNT, REGION, "fresh")).meta().sequenceLayout())
                    .isEqualTo(SequenceNumber.Layout.AWS_56);
        }
    }

    private KinesisEngine open() throws IOException {
        return new KinesisEngine(dir, EngineConfig.defaults().withStatusDelays(0, 0, 0), LogConfig.defaults(), clock);
    }

    private static List<String> records(KinesisEngine engine, StreamKey key, ShardMeta shard) {
        String it = engine.records().getShardIterator(key, shard.id().toString(), IteratorType.TRIM_HORIZON, null, null);
        List<String> lines = new ArrayList<>();
        for (ReadRecord r : engine.records().getRecords(it, 10_000).records()) {
            lines.add(String.join(" ", key.name(), shard.id().toString(), r.sequenceNumber().format(),
                    Long.toString(r.arrivalMillis()), r.partitionKey(), Base64.getEncoder().encodeToString(r.data())));
        }
        return lines;
    }

    private static PutRecordsEntry entry(String key, String data) {
        return new PutRecordsEntry(data.getBytes(StandardCharsets.UTF_8), key, null);
    }

    static Path golden(String name) throws URISyntaxException {
        return Path.of(GoldenDataDirectoryTest.class.getResource("/golden/" + name).toURI());
    }

    private static List<String> expected(String name) throws Exception {
        return Files.readAllLines(golden(name + ".expected"), StandardCharsets.UTF_8);
    }

    private void copyGolden(String name) throws Exception {
        Path source = golden(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
