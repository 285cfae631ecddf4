package io.sluice.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Writes log entries in the layout described by {@link Segment} and computes their checksum. Stateless.
 */
final class EntryCodec {

    /** length, crc, offset, timestamp, flags, key length. */
    static final int HEADER_SIZE = 4 + 4 + 8 + 8 + 1 + 4;
    /** The smallest legal value of the length field: an entry with an empty key and empty data. */
    static final int MIN_LENGTH = HEADER_SIZE - 4;

    static final int CRC_AT = 4;
    static final int OFFSET_AT = 8;
    static final int TIMESTAMP_AT = 16;
    static final int FLAGS_AT = 24;
    static final int KEY_LENGTH_AT = 25;

    private EntryCodec() {
    }

    /** Bytes the entry for {@code record} takes in a segment; rejects records too large for the length field. */
    static int sizeOf(AppendRecord record) {
        long size = (long) HEADER_SIZE + record.partitionKey().length + record.data().length;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("record too large: " + size + " bytes");
        }
        return (int) size;
    }

    /** Appends the entry at {@code out}'s position and returns its size. */
    static int encode(ByteBuffer out, long offset, long timestamp, AppendRecord record) {
        int start = out.position();
        int size = sizeOf(record);
        out.putInt(size - 4)
                .putInt(0)
                .putLong(offset)
                .putLong(timestamp)
                .put(record.flags())
                .putInt(record.partitionKey().length)
                .put(record.partitionKey())
                .put(record.data());
        out.putInt(start + CRC_AT, crc(out, start + OFFSET_AT, size - OFFSET_AT));
        return size;
    }

    /** CRC32C of {@code length} bytes of {@code buffer} from absolute index {@code from}. */
    static int crc(ByteBuffer buffer, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().limit(from + length).position(from));
        return (int) crc.getValue();
    }
}
