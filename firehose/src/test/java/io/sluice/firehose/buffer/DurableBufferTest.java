package io.sluice.firehose.buffer;

import io.sluice.common.ManualClock;
import io.sluice.storage.LogConfig;
import io.sluice.storage.LogStore;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.engine.store.LocalShardLogStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DurableBufferTest {

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_000);
    /** Tiny segments, so that committing deletes whole ones. */
    private final LogConfig log = new LogConfig(64, Duration.ofHours(1).toMillis(), 4096, false);

    private static List<byte[]> data(String... records) {
        return Stream.of(records).map(r -> r.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Test
    void recordsAndTheCheckpointSurviveAReopen() throws IOException {
        try (LocalShardLogStore logs = new LocalShardLogStore(new LogStore(dir.resolve("logs"), log, clock));
             LocalMetaStore meta = LocalMetaStore.open(dir.resolve("meta"))) {
            DurableBuffer buffer = new DurableBuffer(logs, meta, "a/b/s-1", "a/b/s-1", null);
            assertThat(buffer.append(data("one", "two", "three")).join()).containsExactly(0, 1, 2);
            buffer.commit(1);
        }
        try (LocalShardLogStore logs = new LocalShardLogStore(new LogStore(dir.resolve("logs"), log, clock));
             LocalMetaStore meta = LocalMetaStore.open(dir.resolve("meta"))) {
            DurableBuffer buffer = new DurableBuffer(logs, meta, "a/b/s-1", "a/b/s-1", null);
            assertThat(buffer.checkpoint()).isEqualTo(1);
            assertThat(buffer.read(1, 10, 1 << 20)).extracting(r -> new String(r.data(), StandardCharsets.UTF_8))
                    .containsExactly("two", "three");
        }
    }

    @Test
    void reloadPicksUpACheckpointMovedThroughAnotherHandleOnTheSameStores() throws IOException {
        try (LocalShardLogStore logs = new LocalShardLogStore(new LogStore(dir.resolve("logs"), log, clock));
             LocalMetaStore meta = LocalMetaStore.open(dir.resolve("meta"))) {
            // as the node that delivered before a move, and the node the delivery moved to
            DurableBuffer before = new DurableBuffer(logs, meta, "moved", "moved", null);
            DurableBuffer after = new DurableBuffer(logs, meta, "moved", "moved", null);
            before.append(data("one", "two", "three")).join();
            before.commit(2);
            assertThat(after.checkpoint()).isZero();

            after.reload();

            assertThat(after.checkpoint()).isEqualTo(2);
            assertThat(after.read(after.checkpoint(), 10, 1 << 20))
                    .extracting(r -> new String(r.data(), StandardCharsets.UTF_8)).containsExactly("three");
        }
    }

    @Test
    void committingPastWholeSegmentsDeletesThem() throws IOException {
        try (LocalShardLogStore logs = new LocalShardLogStore(new LogStore(dir.resolve("logs"), log, clock));
             LocalMetaStore meta = LocalMetaStore.open(dir.resolve("meta"))) {
            DurableBuffer buffer = new DurableBuffer(logs, meta, "s", "s", null);
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofMillis(10));
                buffer.append(data("record-number-" + i + "-with-some-length-to-fill-a-segment")).join();
            }
            long before = segments();
            buffer.commit(4);
            assertThat(segments()).isLessThan(before);
            assertThat(buffer.read(0, 10, 1 << 20)).first().satisfies(r -> assertThat(r.offset()).isEqualTo(4));
        }
    }

    @Test
    void kinesisRecordsKeepWhereTheyCameFrom() throws IOException {
        try (LocalShardLogStore logs = new LocalShardLogStore(new LogStore(dir.resolve("logs"), log, clock));
             LocalMetaStore meta = LocalMetaStore.open(dir.resolve("meta"))) {
            DurableBuffer buffer = new DurableBuffer(logs, meta, "s", "s", null);
            KinesisRecordMetadata source = new KinesisRecordMetadata("shardId-000000000001", "pk\nwith newline",
                    "49590338271490256608559692538361571095921575989136588898", 123);
            buffer.appendFromKinesis(List.of(source), data("x")).join();
            assertThat(buffer.read(0, 1, 1 << 20).getFirst().kinesis()).isEqualTo(source);
        }
    }

    private long segments() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("logs"))) {
            return files.filter(f -> f.toString().endsWith(".log")).count();
        }
    }

    @Test
    void sealedRecordsAreStoredAsTheSealerMakesThemAndReadBackOpened() throws IOException {
        BufferSealer reversing = new BufferSealer() {
            @Override
            public void check(String keyArn) {
            }

            @Override
            public byte[] seal(String bufferName, String keyArn, byte[] record) {
                byte[] sealed = new byte[record.length];
                for (int i = 0; i < record.length; i++) {
                    sealed[i] = record[record.length - 1 - i];
                }
                return sealed;
            }

            @Override
            public byte[] open(String bufferName, byte[] sealed) {
                return seal(bufferName, null, sealed);
            }
        };
        try (LocalShardLogStore logs = new LocalShardLogStore(new LogStore(dir.resolve("logs"), log, clock));
             LocalMetaStore meta = LocalMetaStore.open(dir.resolve("meta"))) {
            DurableBuffer buffer = new DurableBuffer(logs, meta, "sealed", "sealed", reversing);
            buffer.appendSealed(data("abc"), null).join();
            buffer.append(data("xyz")).join();
            assertThat(buffer.read(0, 10, 1 << 20)).extracting(r -> new String(r.data(),
                    java.nio.charset.StandardCharsets.UTF_8)).containsExactly("abc", "xyz");
            assertThat(new String(logs.open("sealed").read(0, 1, 1 << 20).records().getFirst().data(),
                    java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("cba");
        }
    }
}
