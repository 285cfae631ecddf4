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
 * <p><b>File format</b>, big-endian. Version 1 starts with a header, {@code int32 magic "SLMJ", int32 version};
 * version 0 (journals written before the header existed) has none. Both then hold a sequence of records:
 * <pre>
 *   int32  length      bytes of the body
 *   int32  crc         CRC32C of the body
 *   body:  int8 op (1 = put, 2 = delete), int32 key length, key (UTF-8), and for a put the value (the rest)
 * </pre>
 * A file that starts with anything but the magic is read as version 0 (a version-0 record cannot start with it:
 * its length would be over 1 GiB). A newer version is refused with a message naming it. A version-0 journal keeps
 * its format until the store next compacts it, which writes the header.
 *
 * <p><b>Recovery rule</b> ({@link #replay}), Kafka's: a record is acknowledged only once forced, and records are
 * appended one at a time, so only the <em>last</em> record can be torn by a crash. Records are applied in order.
 * A bad record (its length runs past the end of the file, its CRC does not match or its body does not parse) is
 * a torn write, and is cut, only when nothing follows it: its length runs past the end of the file, it ends exactly
 * at the end, or every byte from it to the end is zero (space the file system allocated but never wrote). A bad
 * record with data after it is <em>corruption</em>: those later records were acknowledged, so recovery refuses to
 * start and names the file and offset, rather than silently dropping them.
 *
 * <p><b>The way out of corruption</b>: restore the data directory from a backup, or, accepting the loss of every
 * change from the corrupt record on, start once with {@code storage.metadata.truncate-corrupt=true}
 * ({@code truncateCorrupt} here), which cuts the journal at the corrupt record and logs what it dropped.
 *
 * <p><b>Failures</b>: a write or force that fails leaves the journal unusable (the caller fail-stops; see
 * {@link MetadataStore}).
 *
 * <p><b>Threading</b>: not thread-safe; the store serialises access.
 */
final class MetadataJournal implements Closeable {

    static final int MAGIC = 0x534c4d4a; // "SLMJ"
    static final int VERSION = 1;
    static final int HEADER = 8;

    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    private static final int FRAME_HEADER = 8;
    private static final int BODY_HEADER = 5;

    /** What replay found: bytes cut from the end, and whether they followed a corrupt record. */
    record Replayed(long position, long bytesCut, boolean corrupt) {
    }

    private final Path file;
    private final FileChannel channel;
    private long size;
    private int version;

    MetadataJournal(Path file, FileChannels channels) throws IOException {
        this.file = file;
        this.channel = channels.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.size = channel.size();
    }

    /**
     * Applies every intact record to {@code state} and cuts the torn last record, by the rule of the class comment.
     * A fresh (or torn-at-creation) journal gets its header here.
     *
     * @throws IOException naming the file and offset if a record before the last one is corrupt, unless
     *                     {@code truncateCorrupt}; or if the journal's version is newer than this code reads
     */
    Replayed replay(Map<String, byte[]> state, boolean truncateCorrupt) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(size));
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, bytes.position()) < 0) {
                break;
            }
        }
        bytes.flip();
        if (isHeaderPrefix(bytes)) {
            if (bytes.limit() < HEADER) { // empty, or a crash while the header was being written
                writeHeader();
                return new Replayed(0, 0, false);
            }
            version = bytes.getInt(4);
            if (version > VERSION) {
                throw new IOException("metadata journal " + file + " has format version " + version
                        + "; this Sluice reads versions up to " + VERSION + ": run a newer Sluice");
            }
            if (version < 1) {
                throw corrupt(0, "its header names version " + version);
            }
        } else {
            version = 0;
        }
        int good = version == 0 ? 0 : HEADER;
        while (good < bytes.limit()) {
            int remaining = bytes.limit() - good;
            int length = remaining >= FRAME_HEADER ? bytes.getInt(good) : -1;
            boolean fits = length >= BODY_HEADER && length <= remaining - FRAME_HEADER;
            if (fits && EntryCodec.crc(bytes, good + FRAME_HEADER, length) == bytes.getInt(good + 4)
                    && apply(bytes.slice(good + FRAME_HEADER, length), state)) {
                good += FRAME_HEADER + length;
                continue;
            }
            boolean last = remaining < FRAME_HEADER || length > remaining - FRAME_HEADER
                    || (fits && length == remaining - FRAME_HEADER) || zeros(bytes, good);
            if (!last && !truncateCorrupt) {
                throw corrupt(good, (size - good) + " bytes of records after it were acknowledged and would be lost");
            }
            cut(good);
            return new Replayed(good, remaining, !last);
        }
        return new Replayed(good, 0, false);
    }

    private IOException corrupt(long offset, String detail) {
        return new IOException("metadata journal " + file + " is corrupt at offset " + offset + " (" + detail
                + "). Sluice refuses to start rather than drop acknowledged metadata. Restore the data directory"
                + " from a backup, or start once with storage.metadata.truncate-corrupt=true to drop every change"
                + " from offset " + offset + " on");
    }

    private static boolean isHeaderPrefix(ByteBuffer bytes) {
        ByteBuffer header = ByteBuffer.allocate(4).putInt(0, MAGIC);
        for (int i = 0; i < Math.min(4, bytes.limit()); i++) {
            if (bytes.get(i) != header.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(ByteBuffer bytes, int from) {
        for (int i = from; i < bytes.limit(); i++) {
            if (bytes.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private void cut(long at) throws IOException {
        channel.truncate(at);
        channel.force(false);
        size = at;
    }

    private void writeHeader() throws IOException {
        channel.truncate(0);
        ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(VERSION).flip();
        long at = 0;
        while (header.hasRemaining()) {
            at += channel.write(header, at);
        }
        channel.force(false);
        size = at;
        version = VERSION;
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
        force();
        size = at;
    }

    /** Forces the journal; a failure is reported as a {@link ForceFailedException}. */
    private void force() throws IOException {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new ForceFailedException(file, e);
        }
    }

    /** Empties the journal (leaving the current header), once a snapshot holds everything it said. */
    void reset() throws IOException {
        if (version == VERSION) {
            channel.truncate(HEADER);
            force();
            size = HEADER;
        } else {
            writeHeader();
        }
    }

    long size() {
        return size;
    }

    /** The format version of the file as it is now (0: no header). */
    int version() {
        return version;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A force of the journal failed: the store must stop (see the class comment). */
    static final class ForceFailedException extends IOException {
        ForceFailedException(Path file, IOException cause) {
            super("fsync of metadata journal " + file + " failed", cause);
        }
    }
}
