package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Walks the entries of one segment file forward from a known entry boundary, checking each one (length within the
 * readable region, the expected offset, a timestamp no lower than the previous one, key length, CRC32C). It stops
 * at the limit or at the first entry that does not check out; {@link #isInvalid()} tells the two apart and
 * {@link #position()} is then where the bad entry starts (recovery cuts there, readers report corruption).
 *
 * <p>Reads ahead in chunks through a {@link PositionalReader} so that a cursor never touches a shared file
 * position. Confined to one thread.
 */
final class EntryCursor {

    /** A positional read such as {@code FileChannel::read}. */
    @FunctionalInterface
    interface PositionalReader {
        int read(ByteBuffer dst, long position) throws IOException;
    }

    private static final int CHUNK = 64 * 1024;

    private final PositionalReader reader;
    private final long limit;
    private ByteBuffer buffer = ByteBuffer.allocate(0); // file bytes from bufferStart, in read mode
    private long bufferStart;
    private long position;
    private long expectedOffset;
    private long minTimestamp = Long.MIN_VALUE;
    private boolean invalid;

    private int entryAt = -1; // index in buffer of the current entry
    private long entryPosition;
    private long offset;
    private long timestamp;
    private int length;
    private int keyLength;

    /**
     * @param position       file position of an entry boundary
     * @param limit          file position where the readable region ends (an entry boundary, or the file size)
     * @param expectedOffset offset the entry at {@code position} must carry
     */
    EntryCursor(PositionalReader reader, long position, long limit, long expectedOffset) {
        this.reader = reader;
        this.limit = limit;
        this.position = position;
        this.bufferStart = position;
        this.expectedOffset = expectedOffset;
    }

    /** Moves to the next entry; false at the limit or at an entry that does not check out. */
    boolean next() throws IOException {
        if (invalid || position >= limit) {
            return false;
        }
        if (limit - position < EntryCodec.HEADER_SIZE || !fill(EntryCodec.HEADER_SIZE)) {
            return fail();
        }
        int at = (int) (position - bufferStart);
        int len = buffer.getInt(at);
        if (len < EntryCodec.MIN_LENGTH || len > limit - position - 4) {
            return fail();
        }
        long off = buffer.getLong(at + EntryCodec.OFFSET_AT);
        long ts = buffer.getLong(at + EntryCodec.TIMESTAMP_AT);
        int keyLen = buffer.getInt(at + EntryCodec.KEY_LENGTH_AT);
        if (off != expectedOffset || ts < minTimestamp || keyLen < 0 || keyLen > len - EntryCodec.MIN_LENGTH) {
            return fail();
        }
        if (!fill(4 + len)) {
            return fail();
        }
        at = (int) (position - bufferStart);
        int crc = EntryCodec.crc(buffer, at + EntryCodec.OFFSET_AT, len + 4 - EntryCodec.OFFSET_AT);
        if (crc != buffer.getInt(at + EntryCodec.CRC_AT)) {
            return fail();
        }
        entryAt = at;
        entryPosition = position;
        offset = off;
        timestamp = ts;
        length = len;
        keyLength = keyLen;
        position += 4 + len;
        expectedOffset = off + 1;
        minTimestamp = ts;
        return true;
    }

    /** True when the cursor stopped at an entry that does not check out, rather than at the limit. */
    boolean isInvalid() {
        return invalid;
    }

    /** File position after the current entry; after a stop, where the cursor stopped. */
    long position() {
        return position;
    }

    /** The offset the next entry must carry. */
    long nextOffset() {
        return expectedOffset;
    }

    long entryPosition() {
        return entryPosition;
    }

    int entrySize() {
        return 4 + length;
    }

    long offset() {
        return offset;
    }

    long timestamp() {
        return timestamp;
    }

    int dataLength() {
        return length - EntryCodec.MIN_LENGTH - keyLength;
    }

    /** The current entry as a record; valid until the next call to {@link #next()}. */
    StoredRecord record() {
        byte[] key = new byte[keyLength];
        buffer.get(entryAt + EntryCodec.HEADER_SIZE, key);
        byte[] data = new byte[dataLength()];
        buffer.get(entryAt + EntryCodec.HEADER_SIZE + keyLength, data);
        return new StoredRecord(offset, timestamp, buffer.get(entryAt + EntryCodec.FLAGS_AT), key, data);
    }

    private boolean fail() {
        invalid = true;
        return false;
    }

    /** Makes the {@code n} bytes at {@code position} available in the buffer; false if the file ends first. */
    private boolean fill(int n) throws IOException {
        int at = (int) (position - bufferStart);
        if (buffer.limit() - at >= n) {
            return true;
        }
        int capacity = Math.max(n, CHUNK);
        buffer.position(at);
        ByteBuffer target;
        if (buffer.capacity() >= capacity) {
            target = buffer.compact();
        } else {
            target = ByteBuffer.allocate(capacity).put(buffer);
        }
        bufferStart = position;
        target.limit((int) Math.min(target.capacity(), limit - position));
        while (target.position() < n) {
            if (reader.read(target, bufferStart + target.position()) < 0) {
                break;
            }
        }
        buffer = target.flip();
        return buffer.limit() >= n;
    }
}
