package io.sluice.storage;

import static io.sluice.storage.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EntryCodecTest {

    private static EntryCursor cursorOver(ByteBuffer bytes, long expectedOffset) {
        ByteBuffer file = bytes.duplicate().flip();
        return new EntryCursor((dst, position) -> {
            if (position >= file.limit()) {
                return -1;
            }
            ByteBuffer src = file.duplicate().position((int) position);
            src.limit((int) Math.min(file.limit(), position + dst.remaining()));
            int n = src.remaining();
            dst.put(src);
            return n;
        }, 0, file.limit(), expectedOffset);
    }

    @Test
    void encodedEntriesReadBackWithOffsetTimestampFlagsKeyAndData() throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(1000);
        AppendRecord a = new AppendRecord((byte) 7, TestRecords.bytes("k"), TestRecords.bytes("hello"));
        AppendRecord b = new AppendRecord((byte) 0, new byte[0], new byte[0]);
        int sizeA = EntryCodec.encode(bytes, 41, 1000, a);
        EntryCodec.encode(bytes, 42, 1000, b);

        EntryCursor cursor = cursorOver(bytes, 41);
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.record()).isEqualTo(TestRecords.stored(a, 41, 1000));
        assertThat(cursor.entrySize()).isEqualTo(sizeA).isEqualTo(EntryCodec.sizeOf(a));
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.record()).isEqualTo(TestRecords.stored(b, 42, 1000));
        assertThat(cursor.entrySize()).isEqualTo(EntryCodec.HEADER_SIZE);
        assertThat(cursor.next()).isFalse();
        assertThat(cursor.isInvalid()).isFalse();
        assertThat(cursor.position()).isEqualTo(bytes.position());
    }

    @Test
    void everySingleFlippedByteMakesTheEntryInvalid() throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(100);
        EntryCodec.encode(bytes, 5, 123, record("key", "some data"));
        for (int i = 0; i < bytes.position(); i++) {
            ByteBuffer copy = ByteBuffer.allocate(100).put(bytes.duplicate().flip());
            copy.put(i, (byte) (copy.get(i) ^ 0x10));
            EntryCursor cursor = cursorOver(copy, 5);
            assertThat(cursor.next()).as("flip at byte %d", i).isFalse();
            assertThat(cursor.isInvalid()).isTrue();
            assertThat(cursor.position()).isZero();
        }
    }

    @Test
    void entryWithUnexpectedOffsetOrBackwardTimestampIsInvalid() throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(200);
        EntryCodec.encode(bytes, 5, 200, record("k", "a"));
        EntryCodec.encode(bytes, 6, 100, record("k", "b"));

        assertThat(cursorOver(bytes, 4).next()).isFalse();
        EntryCursor cursor = cursorOver(bytes, 5);
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.next()).isFalse();
        assertThat(cursor.isInvalid()).isTrue();
        assertThat(cursor.position()).isEqualTo(EntryCodec.sizeOf(record("k", "a")));
    }

    @Test
    void truncatedEntryIsInvalidAtItsStart() throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(200);
        int first = EntryCodec.encode(bytes, 0, 1, record("k", "a"));
        EntryCodec.encode(bytes, 1, 1, record("k", "bbbbbbbbbb"));
        for (int cut = first + 1; cut < bytes.position(); cut++) {
            EntryCursor cursor = cursorOver(bytes.duplicate().position(cut), 0);
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.isInvalid()).as("cut at %d", cut).isTrue();
            assertThat(cursor.position()).isEqualTo(first);
        }
    }

    @Test
    void entriesLargerThanTheReadChunkAreRead() throws Exception {
        byte[] big = new byte[200_000];
        new Random(1).nextBytes(big);
        ByteBuffer bytes = ByteBuffer.allocate(500_000);
        List<AppendRecord> records = List.of(new AppendRecord((byte) 0, new byte[3], big), record("k", "small"),
                new AppendRecord((byte) 0, new byte[0], big));
        for (int i = 0; i < records.size(); i++) {
            EntryCodec.encode(bytes, i, 9, records.get(i));
        }
        EntryCursor cursor = cursorOver(bytes, 0);
        for (int i = 0; i < records.size(); i++) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.record()).isEqualTo(TestRecords.stored(records.get(i), i, 9));
        }
        assertThat(cursor.next()).isFalse();
        assertThat(cursor.isInvalid()).isFalse();
    }
}
