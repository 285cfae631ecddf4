package io.sluice.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.ManualClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages a closed log the way a crash or a disk can, reopens it, and checks the recovery rule of {@link Segment}
 * and {@link LogRecovery}: the log ends just before the first bad entry, everything before it reads back intact,
 * and appends continue at the right offset.
 */
class RecoveryTest {

    private static final String NAME = "stream/shard";
    private static final LogConfig CONFIG = new LogConfig(2000, Duration.ofHours(1).toMillis(), 150, false);

    @TempDir
    Path work;

    private final ManualClock clock = new ManualClock(1_000_000);
    private final List<StoredRecord> written = new ArrayList<>();
    private Path pristine;
    private int trial;

    @BeforeEach
    void writeLog() throws Exception {
        pristine = work.resolve("pristine");
        Random random = new Random(42);
        try (LogStore store = new LogStore(pristine, CONFIG, clock)) {
            ShardLog log = store.open(NAME);
            for (int i = 0; i < 200; i++) {
                AppendRecord record = TestRecords.random(random, 16, 120);
                long offset = store.append(log, List.of(record)).get();
                written.add(TestRecords.stored(record, offset, clock.millis()));
                clock.advance(Duration.ofMillis(random.nextInt(3)));
            }
        }
        assertThat(segments(pristine)).hasSizeGreaterThan(5);
    }

    /** A fresh copy of the pristine log to damage. */
    private Path copy() throws IOException {
        Path target = work.resolve("trial-" + trial++);
        try (Stream<Path> files = Files.walk(pristine)) {
            for (Path source : files.toList()) {
                Files.copy(source, target.resolve(pristine.relativize(source).toString()));
            }
        }
        return target;
    }

    private static Path logDir(Path root) {
        return root.resolve(NAME);
    }

    private static List<Long> segments(Path root) throws IOException {
        try (Stream<Path> files = Files.list(logDir(root))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .map(n -> Long.parseLong(n.substring(0, 20))).sorted().toList();
        }
    }

    private static Path segmentFile(Path root, long base, String suffix) {
        return logDir(root).resolve(Segment.fileName(base, suffix));
    }

    /** File positions of the entries of the segment starting at {@code base}, plus its end position. */
    private List<Long> entryPositions(long base, long nextBase) {
        List<Long> positions = new ArrayList<>();
        long position = Segment.HEADER_SIZE;
        for (StoredRecord r : written.subList((int) base, (int) nextBase)) {
            positions.add(position);
            position += EntryCodec.HEADER_SIZE + r.partitionKey().length + r.data().length;
        }
        positions.add(position);
        return positions;
    }

    private static List<StoredRecord> readAll(ShardLog log) throws IOException {
        List<StoredRecord> all = new ArrayList<>();
        for (long next = log.startOffset(); next < log.endOffset(); ) {
            ReadResult result = log.read(next, 37, 5000);
            all.addAll(result.records());
            next = result.nextOffset();
        }
        return all;
    }

    /** Opens the damaged copy and checks it holds exactly the first {@code kept} records and takes appends. */
    private void assertRecovered(Path root, long kept, long bytesCut) throws Exception {
        try (LogStore store = new LogStore(root, CONFIG, clock)) {
            ShardLog log = store.open(NAME);
            assertThat(log.recoveredBytesCut()).isEqualTo(bytesCut);
            assertThat(log.endOffset()).isEqualTo(kept);
            assertThat(readAll(log)).isEqualTo(written.subList(0, (int) kept));
            assertThat(log.lastTimestamp()).isEqualTo(kept == 0 ? -1 : written.get((int) kept - 1).timestamp());

            AppendRecord next = TestRecords.record("after", "recovery");
            assertThat(store.append(log, List.of(next)).get()).isEqualTo(kept);
            assertThat(log.read(kept, 10, 100).records()).containsExactly(TestRecords.stored(next, kept,
                    clock.millis()));
        }
        try (LogStore store = new LogStore(root, CONFIG, clock)) {
            assertThat(store.open(NAME).recoveredBytesCut()).isZero();
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static void flip(Path file, long position, byte mask) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, position);
            b.put(0, (byte) (b.get(0) ^ mask)).rewind();
            channel.write(b, position);
        }
    }

    @Test
    void cleanLogRecoversWithNothingCut() throws Exception {
        assertRecovered(copy(), written.size(), 0);
    }

    @Test
    void recoveryCutsTornTailAndKeepsEveryCompleteEntry() throws Exception {
        Random random = new Random(7);
        List<Long> bases = segments(pristine);
        long tailBase = bases.getLast();
        List<Long> positions = entryPositions(tailBase, written.size());
        long tailSize = positions.getLast();
        for (int i = 0; i < 25; i++) {
            long cutAt = random.nextLong(Segment.HEADER_SIZE, tailSize);
            int complete = 0;
            while (positions.get(complete + 1) <= cutAt) {
                complete++;
            }
            Path root = copy();
            truncate(segmentFile(root, tailBase, Segment.LOG_SUFFIX), cutAt);

            assertRecovered(root, tailBase + complete, cutAt - positions.get(complete));
        }
    }

    @Test
    void recoveryCutsAtTheFirstEntryWithAFlippedByteAfterTheLastIndexEntry() throws Exception {
        Random random = new Random(11);
        List<Long> bases = segments(pristine);
        long tailBase = bases.getLast();
        List<Long> positions = entryPositions(tailBase, written.size());
        List<SparseIndex.Entry> index = SparseIndex.readFile(segmentFile(pristine, tailBase, Segment.INDEX_SUFFIX));
        long lastIndexed = index.isEmpty() ? Segment.HEADER_SIZE : index.getLast().position();
        int firstCandidate = positions.indexOf(lastIndexed);
        int entries = positions.size() - 1;
        assertThat(entries - firstCandidate).isGreaterThan(1);
        for (int i = 0; i < 25; i++) {
            int bad = firstCandidate + random.nextInt(entries - firstCandidate);
            long from = positions.get(bad);
            long at = from + random.nextLong(positions.get(bad + 1) - from);
            Path root = copy();
            flip(segmentFile(root, tailBase, Segment.LOG_SUFFIX), at, (byte) (1 + random.nextInt(255)));

            assertRecovered(root, tailBase + bad, positions.getLast() - from);
        }
    }

    @Test
    void garbageWrittenPastTheLastEntryIsCut() throws Exception {
        Path root = copy();
        Path tail = segmentFile(root, segments(root).getLast(), Segment.LOG_SUFFIX);
        Files.write(tail, new byte[100], StandardOpenOption.APPEND); // a preallocated, never written block

        assertRecovered(root, written.size(), 100);
    }

    @Test
    void tornEntryInASealedSegmentCutsItAndEveryLaterSegment() throws Exception {
        Path root = copy();
        List<Long> bases = segments(root);
        long base = bases.get(2);
        List<Long> positions = entryPositions(base, bases.get(3));
        long laterBytes = 0;
        for (long later : bases.subList(3, bases.size())) {
            laterBytes += Files.size(segmentFile(root, later, Segment.LOG_SUFFIX));
        }
        long cutAt = positions.get(positions.size() - 2) + 3; // inside the segment's last entry
        truncate(segmentFile(root, base, Segment.LOG_SUFFIX), cutAt);

        assertRecovered(root, bases.get(3) - 1, 3 + laterBytes);
        assertThat(segments(root)).startsWith(bases.get(0), bases.get(1), bases.get(2))
                .allMatch(b -> b < bases.get(3));
    }

    @Test
    void aMissingSegmentCutsTheLogWhereTheGapStarts() throws Exception {
        Path root = copy();
        List<Long> bases = segments(root);
        long laterBytes = 0;
        for (long later : bases.subList(4, bases.size())) {
            laterBytes += Files.size(segmentFile(root, later, Segment.LOG_SUFFIX));
        }
        Files.delete(segmentFile(root, bases.get(3), Segment.LOG_SUFFIX));

        assertRecovered(root, bases.get(3), laterBytes);
    }

    @Test
    void lostIndexFilesAreRebuiltAsTheyWere() throws Exception {
        Path root = copy();
        Map<Long, byte[]> original = indexFiles(root);
        assertThat(original).isNotEmpty();
        for (long base : original.keySet()) {
            Files.delete(segmentFile(root, base, Segment.INDEX_SUFFIX));
        }

        try (LogStore store = new LogStore(root, CONFIG, clock)) {
            ShardLog log = store.open(NAME);
            assertThat(log.recoveredBytesCut()).isZero();
            assertThat(readAll(log)).isEqualTo(written);
        }
        assertSameIndexFiles(root, original);
    }

    @Test
    void garbageOrMisleadingIndexFilesAreRebuiltAndNeverMisdirectReads() throws Exception {
        Random random = new Random(3);
        Path root = copy();
        Map<Long, byte[]> original = indexFiles(root);
        List<Long> bases = new ArrayList<>(original.keySet());
        for (int i = 0; i < bases.size(); i++) {
            Path file = segmentFile(root, bases.get(i), Segment.INDEX_SUFFIX);
            if (i % 2 == 0) {
                byte[] garbage = new byte[original.get(bases.get(i)).length + 5];
                random.nextBytes(garbage);
                Files.write(file, garbage);
            } else { // plausible entries, each pointing one byte too far
                ByteBuffer shifted = ByteBuffer.wrap(original.get(bases.get(i)).clone());
                for (int at = 8; at < shifted.limit(); at += SparseIndex.ENTRY_SIZE) {
                    shifted.putLong(at, shifted.getLong(at) + 1);
                }
                Files.write(file, shifted.array());
            }
        }

        try (LogStore store = new LogStore(root, CONFIG, clock)) {
            ShardLog log = store.open(NAME);
            assertThat(log.recoveredBytesCut()).isZero();
            assertThat(readAll(log)).isEqualTo(written);
            for (StoredRecord r : written) {
                assertThat(log.read(r.offset(), 1, 0).records()).containsExactly(r);
            }
        }
        assertSameIndexFiles(root, original);
    }

    @Test
    void indexEntriesPointingPastATruncatedTailAreDropped() throws Exception {
        Path root = copy();
        long tailBase = segments(root).getLast();
        List<SparseIndex.Entry> index = SparseIndex.readFile(segmentFile(root, tailBase, Segment.INDEX_SUFFIX));
        assertThat(index).isNotEmpty();
        long cutAt = index.getFirst().position();
        truncate(segmentFile(root, tailBase, Segment.LOG_SUFFIX), cutAt);

        assertRecovered(root, index.getFirst().offset(), 0);
    }

    @Test
    void anIndexFileWithoutItsSegmentIsRemoved() throws Exception {
        Path root = copy();
        long next = written.size() + 1000;
        Path orphan = segmentFile(root, next, Segment.INDEX_SUFFIX);
        Files.write(orphan, new byte[48]);

        assertRecovered(root, written.size(), 0);
        assertThat(orphan).doesNotExist();
    }

    private Map<Long, byte[]> indexFiles(Path root) throws IOException {
        Map<Long, byte[]> files = new HashMap<>();
        for (long base : segments(root)) {
            Path file = segmentFile(root, base, Segment.INDEX_SUFFIX);
            if (Files.exists(file)) {
                files.put(base, Files.readAllBytes(file));
            }
        }
        return files;
    }

    private void assertSameIndexFiles(Path root, Map<Long, byte[]> original) throws IOException {
        Map<Long, byte[]> rebuilt = indexFiles(root);
        assertThat(rebuilt.keySet()).isEqualTo(original.keySet());
        for (long base : original.keySet()) {
            assertThat(rebuilt.get(base)).as("index of segment %d", base).isEqualTo(original.get(base));
        }
    }

    @Test
    void everyCutIsReportedWithTheFileThePositionTheBytesAndWhy() throws Exception {
        Path root = copy();
        List<Long> bases = segments(root);
        Path last = segmentFile(root, bases.getLast(), Segment.LOG_SUFFIX);
        long intact = Files.size(last);
        Files.write(last, new byte[] {0, 0, 0, 99, 1, 2, 3}, StandardOpenOption.APPEND);
        List<String> cuts = new ArrayList<>();
        StorageEvents events = new StorageEvents() {
            @Override
            public void recoveryCut(String log, Path file, long position, long bytes, String reason) {
                cuts.add(log + " " + file.getFileName() + " " + position + " " + bytes + " " + reason);
            }
        };

        try (LogStore store = new LogStore(root, CONFIG, clock, events)) {
            ShardLog log = store.open(NAME);
            assertThat(log.recoveredBytesCut()).isEqualTo(7);
        }

        assertThat(cuts).containsExactly(NAME + " " + last.getFileName() + " " + intact + " 7 "
                + "torn or corrupt entry (bad length, offset, timestamp or CRC) and everything after it");
    }
}
