package io.sluice.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The write-ahead journal of a {@link MetadataStore}.
 *
 * <p><b>File format</b>: a sequence of records, big-endian:
 * <pre>
 *   int32  length      bytes of the body
 *   int32  crc         CRC32C of the body
 *   body:  int8 op (1 = put, 2 = delete), int32 key length, key (UTF-8), and for a put the value (the rest)
 * </pre>
 * <b>Recovery</b> ({@link #replay}): records are applied in order up to the first one whose length runs past the
 * end of the file, whose CRC does not match or whose body does not parse; that record and everything after it is
 * a torn write and is cut from the file (a record is acknowledged only once forced, so nothing acknowledged is
 * lost).
 *
 * <p><b>Threading</b>: not thread-safe; the store serialises access.
 */
final class MetadataJournal implements Closeable {

    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    private static final int FRAME_HEADER = 8;
    private static final int BODY_HEADER = 5;

    private final FileChannel channel;
    private long size;

    MetadataJournal(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.size = channel.size();
    }

    /** Applies every intact record to {@code state}, cuts the torn tail and returns the bytes cut. */
    long replay(Map<String, byte[]> state) throws IOException {
        ByteBuffer file = ByteBuffer.allocate(Math.toIntExact(size));
        while (file.hasRemaining()) {
            if (channel.read(file, file.position()) < 0) {
                break;
            }
        }
        file.flip();
        int good = 0;
        while (file.limit() - good >= FRAME_HEADER) {
            int length = file.getInt(good);
            if (length < BODY_HEADER || length > file.limit() - good - FRAME_HEADER
                    || EntryCodec.crc(file, good + FRAME_HEADER, length) != file.getInt(good + 4)
                    || !apply(file.slice(good + FRAME_HEADER, length), state)) {
                break;
            }
            good += FRAME_HEADER + length;
        }
        long cut = size - good;
        if (cut > 0) {
            channel.truncate(good);
            channel.force(false);
            size = good;
        }
        return cut;
    }

    private static boolean apply(ByteBuffer body, Map<String, byte[]> state) {
        byte op = body.get();
        int keyLength = body.getInt();
        if (keyLength < 0 || keyLength > body.remaining() || (op == DELETE && keyLength != body.remaining())) {
            return false;
        }
        byte[] key = new byte[keyLength];
        body.get(key);
        String k = new String(key, StandardCharsets.UTF_8);
        if (op == PUT) {
            byte[] value = new byte[body.remaining()];
            body.get(value);
            state.put(k, value);
            return true;
        }
        if (op == DELETE) {
            state.remove(k);
            return true;
        }
        return false;
    }

    /** Appends a put and forces it. */
    void put(String key, byte[] value) throws IOException {
        append(PUT, key, value);
    }

    /** Appends a delete and forces it. */
    void delete(String key) throws IOException {
        append(DELETE, key, new byte[0]);
    }

    private void append(byte op, String key, byte[] value) throws IOException {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int length = BODY_HEADER + k.length + value.length;
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + length);
        frame.putInt(length).putInt(0).put(op).putInt(k.length).put(k).put(value);
        frame.putInt(4, EntryCodec.crc(frame, FRAME_HEADER, length));
        frame.flip();
        long at = size;
        while (frame.hasRemaining()) {
            at += channel.write(frame, at);
        }
        channel.force(false);
        size = at;
    }

    /** Empties the journal, once a snapshot holds everything it said. */
    void reset() throws IOException {
        channel.truncate(0);
        channel.force(false);
        size = 0;
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
