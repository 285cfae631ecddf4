package io.sluice.storage;

import static io.sluice.storage.TestRecords.record;
import static io.sluice.storage.TestRecords.records;
import static io.sluice.storage.TestRecords.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardLogTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock(T0);
    private LogStore store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private ShardLog open(LogConfig config) throws IOException {
        store = new LogStore(root, config, clock);
        return store.open("stream/shard-0");
    }

    private ShardLog open() throws IOException {
        return open(new LogConfig(1 << 20, Duration.ofHours(1).toMillis(), 256, false));
    }

    private ShardLog reopen(LogConfig config) throws IOException {
        store.close();
        return open(config);
    }

    private long append(ShardLog log, String... data) throws Exception {
        return store.append(log, records(data)).get();
    }

    private static List<String> data(ReadResult result) {
        return result.records().stream().map(r -> string(r.data())).toList();
    }

    private Path logDir() {
        return root.resolve("stream/shard-0");
    }

    private List<String> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(logDir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted().toList();
        }
    }

    @Test
    void freshLogIsEmptyAtOffsetZero() throws Exception {
        ShardLog log = open();

        assertThat(log.startOffset()).isZero();
        assertThat(log.endOffset()).isZero();
        assertThat(log.lastTimestamp()).isEqualTo(-1);
        assertThat(log.recoveredBytesCut()).isZero();
        assertThat(log.read(0, 10, 1000)).isEqualTo(new ReadResult(List.of(), 0));
        assertThat(log.offsetForTimestamp(0)).isZero();
        assertThat(segmentFiles()).containsExactly("00000000000000000000.log");
    }

    @Test
    void appendsGetConsecutiveOffsetsAcrossCalls() throws Exception {
        ShardLog log = open();

        assertThat(append(log, "a", "b", "c")).isZero();
        assertThat(append(log, "d", "e")).isEqualTo(3);
        assertThat(append(log, "f")).isEqualTo(5);

        assertThat(log.endOffset()).isEqualTo(6);
        ReadResult all = log.read(0, 100, Long.MAX_VALUE);
        assertThat(data(all)).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(all.records()).extracting(StoredRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(all.nextOffset()).isEqualTo(6);
    }

    @Test
    void recordsReadBackWithFlagsKeysAndEmptyFields() throws Exception {
        ShardLog log = open();
        List<AppendRecord> appended = List.of(
                new AppendRecord((byte) 1, TestRecords.bytes("pk"), TestRecords.bytes("encrypted")),
                new AppendRecord((byte) -1, new byte[0], TestRecords.bytes("no key")),
                new AppendRecord((byte) 0, TestRecords.bytes("no data"), new byte[0]),
                new AppendRecord((byte) 0, new byte[0], new byte[0]));

        store.append(log, appended).get();

        List<StoredRecord> read = log.read(0, 10, Long.MAX_VALUE).records();
        for (int i = 0; i < appended.size(); i++) {
            assertThat(read.get(i)).isEqualTo(TestRecords.stored(appended.get(i), i, T0));
        }
    }

    @Test
    void readStopsAtMaxRecordsAndReportsWhereToContinue() throws Exception {
        ShardLog log = open();
        append(log, "a", "b", "c", "d", "e");

        ReadResult first = log.read(0, 2, Long.MAX_VALUE);
        ReadResult second = log.read(first.nextOffset(), 2, Long.MAX_VALUE);
        ReadResult third = log.read(second.nextOffset(), 2, Long.MAX_VALUE);
        ReadResult atEnd = log.read(third.nextOffset(), 2, Long.MAX_VALUE);

        assertThat(data(first)).containsExactly("a", "b");
        assertThat(data(second)).containsExactly("c", "d");
        assertThat(data(third)).containsExactly("e");
        assertThat(atEnd).isEqualTo(new ReadResult(List.of(), 5));
    }

    @Test
    void readStopsBeforeDataBytesWouldExceedMaxBytesButReturnsAtLeastOneRecord() throws Exception {
        ShardLog log = open();
        append(log, "aaaa", "bbbb", "cccc", "dddd");

        assertThat(data(log.read(0, 10, 8))).containsExactly("aaaa", "bbbb");
        assertThat(data(log.read(0, 10, 11))).containsExactly("aaaa", "bbbb");
        assertThat(data(log.read(0, 10, 12))).containsExactly("aaaa", "bbbb", "cccc");
        assertThat(data(log.read(1, 10, 1))).containsExactly("bbbb");
        assertThat(log.read(1, 10, 0).nextOffset()).isEqualTo(2);
    }

    @Test
    void readOutsideTheRetainedRangeIsClamped() throws Exception {
        ShardLog log = open(new LogConfig(100, Duration.ofHours(1).toMillis(), 64, false));
        append(log, "old-1", "old-2");
        clock.advance(Duration.ofMinutes(10));
        append(log, "new-1", "new-2");
        log.deleteSegmentsOlderThan(clock.millis() - Duration.ofMinutes(5).toMillis());
        assertThat(log.startOffset()).isEqualTo(2);

        ReadResult fromZero = log.read(0, 10, Long.MAX_VALUE);
        assertThat(data(fromZero)).containsExactly("new-1", "new-2");
        assertThat(log.read(99, 10, Long.MAX_VALUE)).isEqualTo(new ReadResult(List.of(), 4));
        assertThat(log.read(-5, 10, Long.MAX_VALUE).records()).hasSize(2);
    }

    @Test
    void entriesGetTheirArrivalTimestampWhichNeverDecreasesWhenTheClockStepsBack() throws Exception {
        ShardLog log = open();
        append(log, "a", "b");
        clock.advance(Duration.ofSeconds(5));
        append(log, "c");
        clock.set(T0 - 60_000);
        append(log, "d");
        clock.set(T0 + 10_000);
        append(log, "e");

        assertThat(log.read(0, 10, Long.MAX_VALUE).records()).extracting(StoredRecord::timestamp)
                .containsExactly(T0, T0, T0 + 5_000, T0 + 5_000, T0 + 10_000);
        assertThat(log.lastTimestamp()).isEqualTo(T0 + 10_000);
    }

    @Test
    void rollsBeforeAnAppendThatWouldMakeTheSegmentLargerThanSegmentBytes() throws Exception {
        int entry = EntryCodec.sizeOf(record("key-0", "0")); // every record below has the same size
        ShardLog log = open(new LogConfig(3L * entry, Duration.ofHours(1).toMillis(), 64, false));

        for (int i = 0; i < 7; i++) {
            append(log, String.valueOf(i));
        }
        append(log, "7", "8");

        assertThat(segmentFiles()).containsExactly("00000000000000000000.log", "00000000000000000003.log",
                "00000000000000000006.log");
        for (String file : segmentFiles()) {
            assertThat(Files.size(logDir().resolve(file))).isLessThanOrEqualTo(Segment.HEADER_SIZE + 3L * entry);
        }
        assertThat(data(log.read(0, 100, Long.MAX_VALUE))).containsExactly("0", "1", "2", "3", "4", "5", "6", "7",
                "8");
    }

    @Test
    void anAppendLargerThanSegmentBytesStaysWholeInOneSegment() throws Exception {
        ShardLog log = open(new LogConfig(50, Duration.ofHours(1).toMillis(), 64, false));

        append(log, "a");
        append(log, "b", "c", "d", "e");
        append(log, "f");

        assertThat(segmentFiles()).containsExactly("00000000000000000000.log", "00000000000000000001.log",
                "00000000000000000005.log");
        assertThat(data(log.read(0, 100, Long.MAX_VALUE))).containsExactly("a", "b", "c", "d", "e", "f");
    }

    @Test
    void rollsOnceTheFirstEntryOfTheSegmentIsOlderThanSegmentMillis() throws Exception {
        ShardLog log = open(new LogConfig(1 << 20, 1000, 64, false));

        append(log, "a");
        clock.advance(Duration.ofMillis(999));
        append(log, "b");
        clock.advance(Duration.ofMillis(1));
        append(log, "c");
        clock.advance(Duration.ofMillis(500));
        append(log, "d");

        assertThat(segmentFiles()).containsExactly("00000000000000000000.log", "00000000000000000002.log");
    }

    @Test
    void offsetForTimestampFindsTheFirstEntryAtOrAfterTheTimestampAcrossSegments() throws Exception {
        ShardLog log = open(new LogConfig(300, Duration.ofHours(1).toMillis(), 40, false));
        List<Long> timestamps = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            append(log, "r" + i);
            timestamps.add(clock.millis());
            clock.advance(Duration.ofMillis(i % 3 == 0 ? 0 : 10)); // runs of equal timestamps
        }
        assertThat(log.segmentBaseOffsets()).hasSizeGreaterThan(3);

        for (long t = T0 - 5; t <= clock.millis() + 5; t++) {
            long expected = 40;
            for (int i = 0; i < 40; i++) {
                if (timestamps.get(i) >= t) {
                    expected = i;
                    break;
                }
            }
            assertThat(log.offsetForTimestamp(t)).as("timestamp %d", t).isEqualTo(expected);
        }
    }

    @Test
    void readsFromEveryOffsetUseTheIndexAndReturnTheSameRecords() throws Exception {
        ShardLog log = open(new LogConfig(2000, Duration.ofHours(1).toMillis(), 50, false));
        for (int i = 0; i < 100; i++) {
            append(log, "value-" + i);
        }

        for (int from = 0; from < 100; from++) {
            ReadResult result = log.read(from, 3, Long.MAX_VALUE);
            assertThat(result.records().getFirst().offset()).isEqualTo(from);
            assertThat(string(result.records().getFirst().data())).isEqualTo("value-" + from);
            assertThat(result.records()).hasSize(Math.min(3, 100 - from));
        }
    }

    @Test
    void retentionDeletesWholeSegmentsWhoseNewestEntryIsOlderThanTheCutoff() throws Exception {
        int entry = EntryCodec.sizeOf(record("key-0", "0"));
        ShardLog log = open(new LogConfig(2L * entry, Duration.ofHours(1).toMillis(), 64, false));
        for (int i = 0; i < 6; i++) { // segments [0,1] [2,3] [4,5], one minute apart per record
            append(log, String.valueOf(i));
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(log.deleteSegmentsOlderThan(T0 + Duration.ofMinutes(1).toMillis())).isZero();
        assertThat(log.deleteSegmentsOlderThan(T0 + Duration.ofMinutes(1).toMillis() + 1)).isEqualTo(1);
        assertThat(log.startOffset()).isEqualTo(2);
        assertThat(log.deleteSegmentsOlderThan(T0 + Duration.ofMinutes(3).toMillis())).isZero();
        assertThat(log.endOffset()).isEqualTo(6);
        assertThat(segmentFiles()).containsExactly("00000000000000000002.log", "00000000000000000004.log");
        assertThat(data(log.read(0, 100, Long.MAX_VALUE))).containsExactly("2", "3", "4", "5");
        assertThat(log.offsetForTimestamp(0)).isEqualTo(2);
    }

    @Test
    void retentionRollsAnExpiredActiveSegmentSoEverythingCanGo() throws Exception {
        ShardLog log = open(new LogConfig(100, Duration.ofHours(1).toMillis(), 64, false));
        append(log, "a", "b");
        append(log, "c");
        clock.advance(Duration.ofHours(2));

        assertThat(log.deleteSegmentsOlderThan(clock.millis() - Duration.ofHours(1).toMillis())).isEqualTo(2);

        assertThat(log.startOffset()).isEqualTo(3).isEqualTo(log.endOffset());
        assertThat(log.lastTimestamp()).isEqualTo(-1);
        assertThat(log.read(0, 10, 100)).isEqualTo(new ReadResult(List.of(), 3));
        assertThat(log.offsetForTimestamp(0)).isEqualTo(3);
        assertThat(segmentFiles()).containsExactly("00000000000000000003.log");

        assertThat(append(log, "d")).isEqualTo(3);
        assertThat(data(log.read(0, 10, 100))).containsExactly("d");
        assertThat(log.lastTimestamp()).isEqualTo(clock.millis());
    }

    @Test
    void emptiedLogReopensAtItsEndOffset() throws Exception {
        LogConfig config = new LogConfig(100, Duration.ofHours(1).toMillis(), 64, false);
        ShardLog log = open(config);
        append(log, "a", "b", "c");
        clock.advance(Duration.ofHours(2));
        log.deleteSegmentsOlderThan(clock.millis());

        ShardLog reopened = reopen(config);

        assertThat(reopened.startOffset()).isEqualTo(3);
        assertThat(reopened.endOffset()).isEqualTo(3);
        assertThat(reopened.lastTimestamp()).isEqualTo(-1);
        assertThat(append(reopened, "d")).isEqualTo(3);
    }

    @Test
    void everythingAppendedReadsBackAfterReopen() throws Exception {
        LogConfig config = new LogConfig(200, Duration.ofHours(1).toMillis(), 64, true);
        ShardLog log = open(config);
        for (int i = 0; i < 30; i++) {
            append(log, "v" + i);
            clock.advance(Duration.ofMillis(7));
        }
        long lastTimestamp = log.lastTimestamp();

        ShardLog reopened = reopen(config);

        assertThat(reopened.recoveredBytesCut()).isZero();
        assertThat(reopened.endOffset()).isEqualTo(30);
        assertThat(reopened.lastTimestamp()).isEqualTo(lastTimestamp);
        assertThat(data(reopened.read(0, 100, Long.MAX_VALUE))).hasSize(30).startsWith("v0").endsWith("v29");
        assertThat(append(reopened, "v30")).isEqualTo(30);
    }
}
