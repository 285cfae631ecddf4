package io.sluice.storage;

import static io.sluice.storage.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import io.sluice.common.UnsupportedFormatVersionException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentTest {

    private static final AppendRecord RECORD = record("key", "0123456789");
    private static final int ENTRY = EntryCodec.sizeOf(RECORD);

    @TempDir
    Path dir;

    private final LogConfig config = new LogConfig(10L * ENTRY, 1000, 2 * ENTRY, false);

    /** Stages and writes {@code count} entries from {@code firstOffset}, one millisecond apart from 100. */
    private static void writeEntries(Segment segment, long firstOffset, int count) throws IOException {
        ByteBuffer staged = ByteBuffer.allocate(count * ENTRY);
        for (int i = 0; i < count; i++) {
            segment.stage(staged, RECORD, firstOffset + i, 100 + firstOffset + i);
        }
        segment.write(staged);
    }

    private static List<StoredRecord> readAll(Segment segment, long from) throws IOException {
        RecordCollector out = new RecordCollector(Integer.MAX_VALUE, Long.MAX_VALUE);
        segment.read(from, Long.MAX_VALUE, out);
        return out.records();
    }

    @Test
    void writtenEntriesStayInvisibleToReadersUntilCommitted() throws Exception {
        Segment segment = Segment.create(dir, 10, config);
        writeEntries(segment, 10, 3);

        assertThat(readAll(segment, 10)).isEmpty();
        assertThat(segment.findTimestamp(0, Long.MAX_VALUE)).isEqualTo(-1);

        segment.commit();

        assertThat(readAll(segment, 10)).extracting(StoredRecord::offset).containsExactly(10L, 11L, 12L);
        assertThat(segment.findTimestamp(111, Long.MAX_VALUE)).isEqualTo(11);
        assertThat(segment.nextOffset()).isEqualTo(13);
        assertThat(segment.maxTimestamp()).isEqualTo(112);
        segment.close();
    }

    @Test
    void readStopsAtTheEndOffsetItIsGiven() throws Exception {
        Segment segment = Segment.create(dir, 0, config);
        writeEntries(segment, 0, 5);
        segment.commit();

        RecordCollector out = new RecordCollector(100, Long.MAX_VALUE);
        segment.read(1, 3, out);

        assertThat(out.records()).extracting(StoredRecord::offset).containsExactly(1L, 2L);
        segment.close();
    }

    @Test
    void theIndexGetsAnEntryForTheFirstEntryPastEachIndexInterval() throws Exception {
        Segment segment = Segment.create(dir, 0, config);
        writeEntries(segment, 0, 3);
        writeEntries(segment, 3, 4);
        segment.commit();
        segment.close();

        List<SparseIndex.Entry> expected = new ArrayList<>();
        for (long offset : new long[] {2, 4, 6}) {
            expected.add(new SparseIndex.Entry(offset, Segment.HEADER_SIZE + offset * ENTRY, 100 + offset));
        }
        assertThat(SparseIndex.readFile(dir.resolve(Segment.fileName(0, Segment.INDEX_SUFFIX))))
                .isEqualTo(expected);
    }

    @Test
    void shouldRollCountsStagedBytesAndTheAgeOfTheFirstEntry() throws Exception {
        Segment segment = Segment.create(dir, 0, config);
        ByteBuffer staged = ByteBuffer.allocate(20 * ENTRY);
        assertThat(segment.shouldRoll(staged, 100L * ENTRY, 5000)).as("empty segments never roll").isFalse();

        for (int i = 0; i < 9; i++) {
            segment.stage(staged, RECORD, i, 100);
        }
        assertThat(segment.shouldRoll(staged, ENTRY, 1099)).isFalse();
        assertThat(segment.shouldRoll(staged, ENTRY + 1, 1099)).isTrue();
        assertThat(segment.shouldRoll(staged, 1, 1100)).isTrue();
        segment.write(staged);
        assertThat(segment.shouldRoll(staged, ENTRY + 1, 1099)).isTrue();
        segment.close();
    }

    @Test
    void damageBeforeTheLastIndexEntryIsReportedByReadsNotServed() throws Exception {
        Segment segment = Segment.create(dir, 0, config);
        writeEntries(segment, 0, 8);
        segment.commit();
        segment.close();
        Path file = dir.resolve(Segment.fileName(0, Segment.LOG_SUFFIX));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            // entry 1's data
            channel.write(ByteBuffer.wrap(new byte[] {'X'}), Segment.HEADER_SIZE + ENTRY + EntryCodec.HEADER_SIZE + 5);
        }

        Segment reopened = Segment.open(dir, 0, config);
        assertThat(reopened.recover()).isZero(); // recovery scans only from the last index entry (offset 6)

        assertThat(readAll(reopened, 6)).hasSize(2);
        assertThatThrownBy(() -> readAll(reopened, 0)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt entry at position " + (Segment.HEADER_SIZE + ENTRY));
        reopened.close();
    }

    @Test
    void aDeletedSegmentRemovesItsFilesAndFailsReads() throws Exception {
        Segment segment = Segment.create(dir, 0, config);
        writeEntries(segment, 0, 5);
        segment.commit();

        segment.delete();

        assertThat(segment.isDeleted()).isTrue();
        assertThat(dir.resolve(Segment.fileName(0, Segment.LOG_SUFFIX))).doesNotExist();
        assertThat(dir.resolve(Segment.fileName(0, Segment.INDEX_SUFFIX))).doesNotExist();
        assertThatThrownBy(() -> readAll(segment, 0)).isInstanceOf(IOException.class);
    }

    @Test
    void aNewSegmentFileStartsWithTheMagicAndVersionTwo() throws Exception {
        Segment segment = Segment.create(dir, 0, config);
        writeEntries(segment, 0, 2);
        segment.commit();
        segment.close();

        ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(Segment.fileName(0, Segment.LOG_SUFFIX))));
        assertThat(head.getInt(0)).isEqualTo(0x89534C47);
        assertThat(head.getInt(4)).isEqualTo(2);
        assertThat(head.capacity()).isEqualTo(Segment.HEADER_SIZE + 2 * ENTRY);
    }

    @Test
    void aHeaderlessVersionOneSegmentIsReadAndAppendedToInItsOwnLayout() throws Exception {
        Path file = dir.resolve(Segment.fileName(0, Segment.LOG_SUFFIX));
        ByteBuffer legacy = ByteBuffer.allocate(3 * ENTRY);
        for (int i = 0; i < 3; i++) {
            EntryCodec.encode(legacy, i, 100 + i, RECORD); // as Sluice wrote segments before they had a header
        }
        Files.write(file, legacy.array());

        Segment segment = Segment.open(dir, 0, config);
        assertThat(segment.recover()).isZero();
        assertThat(segment.formatVersion()).isEqualTo(1);
        writeEntries(segment, 3, 1);
        segment.commit();
        segment.close();

        Segment reopened = Segment.open(dir, 0, config);
        assertThat(reopened.recover()).isZero();
        assertThat(readAll(reopened, 0)).extracting(StoredRecord::offset).containsExactly(0L, 1L, 2L, 3L);
        assertThat(Files.size(file)).isEqualTo(4L * ENTRY);
        reopened.close();
    }

    @Test
    void aSegmentOfAnUnknownVersionIsRefusedNamingTheFileAndVersion() throws Exception {
        Path file = dir.resolve(Segment.fileName(0, Segment.LOG_SUFFIX));
        Files.write(file, ByteBuffer.allocate(Segment.HEADER_SIZE).putInt(0x89534C47).putInt(3).array());

        assertThatThrownBy(() -> Segment.open(dir, 0, config))
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("version 3");
    }

    @Test
    void aTornHeaderIsAnEmptySegmentThatGetsItsHeaderBack() throws Exception {
        Path file = dir.resolve(Segment.fileName(0, Segment.LOG_SUFFIX));
        Files.write(file, new byte[] {(byte) 0x89, 'S', 'L'});

        Segment segment = Segment.open(dir, 0, config);
        assertThat(segment.recover()).isZero();
        assertThat(segment.formatVersion()).isEqualTo(2);
        writeEntries(segment, 0, 1);
        segment.commit();
        assertThat(readAll(segment, 0)).extracting(StoredRecord::offset).containsExactly(0L);
        segment.close();
        assertThat(Files.size(file)).isEqualTo(Segment.HEADER_SIZE + ENTRY);
    }
}
