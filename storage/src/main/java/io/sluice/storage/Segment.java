package io.sluice.storage;

import io.sluice.common.UnsupportedFormatVersionException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One segment of a shard log: the file {@code <base offset>.log} (the first offset it holds, 20 digits,
 * zero-padded) and its {@link SparseIndex} {@code <base offset>.index}.
 *
 * <p><b>File format, version 2</b> (files created from Sluice 0.2 on): an 8-byte header, {@code int32 magic
 * 0x89534C47 ("\x89SLG"), int32 version 2}, then the entries. <b>Version 1</b> (files created before) has no header:
 * the entries start at position 0. The two are told apart by the first byte: the magic's is 0x89, which would make
 * a version 1 file's first length field negative, and a length is at least 25. A file shorter than the header whose
 * bytes are a prefix of it (an empty file too) is an empty version 2 segment whose header was torn by a crash: it is
 * rewritten. A header with another version is refused with {@link UnsupportedFormatVersionException}, naming the
 * file. Everything below holds for both versions, with positions counted from the file's start.
 *
 * <p><b>Entry format.</b> After the header, the file is a sequence of entries with consecutive offsets starting at
 * the base offset. Each entry is, big-endian:
 * <pre>
 *   int32  length      bytes after this field: 25 + key length + data length
 *   int32  crc         CRC32C of every byte after this field (offset .. data)
 *   int64  offset
 *   int64  timestamp   arrival time, ms since the epoch; never lower than the previous entry's
 *   int8   flags       opaque to storage
 *   int32  key length
 *   bytes  partition key
 *   bytes  data        the rest of the entry
 * </pre>
 *
 * <p><b>Recovery rule</b> ({@link #recover()}, run when a log is opened, before anything is served):
 * <ol>
 *   <li>Index entries are trusted only as far as they agree with the file: the longest prefix whose offsets and
 *       positions strictly increase, whose timestamps do not decrease and whose positions lie inside the file,
 *       shortened until its last entry points at an entry that checks out with that offset and timestamp. The
 *       first entry must check out too, or no index entry is trusted.</li>
 *   <li>The file is scanned from the last trusted index entry (from the first entry if none) to its end. The first
 *       entry whose length runs past the end of the file or below the minimum, whose offset is not the next one,
 *       whose timestamp goes backwards or whose CRC does not match, and everything after it, is cut: the file is
 *       truncated on disk and the number of bytes cut is returned. No torn entry is ever served.</li>
 *   <li>Index entries for the scanned part are rebuilt, and the index file is cut to the trusted prefix and
 *       rewritten if it said anything else.</li>
 * </ol>
 * Scanning from the last index entry is enough because an index entry is written only after the data before it
 * was forced (see {@link SparseIndex}); only data after the last fsync can be torn. (With fsync off, that holds for
 * a process crash, where the page cache keeps every write; after a power failure, damage before the last index
 * entry is not cut by recovery but found by the read-time check below.) Entries before the last index entry are
 * not re-checked at recovery; {@link #read} checks every CRC it passes and reports a mismatch there as an
 * {@link IOException}. {@link LogRecovery} applies the rule across segments.
 *
 * <p><b>Threading.</b> Not thread-safe for writing: {@link #stage}, {@link #write}, {@link #force},
 * {@link #commit} and {@link #recover} are called by one thread at a time (the committer, under its log's lock,
 * or the thread opening the log). {@link #read} and {@link #findTimestamp} may be called concurrently by any
 * number of threads: they only look at bytes below the published {@link #committedSize}, through a
 * {@link ReadChannel}. After {@link #delete()} or {@link #close()}, reads fail with an {@link IOException}.
 */
final class Segment {

    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final int MAGIC = 0x89534C47;
    static final int VERSION = 2;
    static final int HEADERLESS_VERSION = 1;
    static final int HEADER_SIZE = 8;
    /** What {@link #formatVersion} says of an empty file or a torn header: an empty current segment. */
    static final int TORN_HEADER = 0;

    private final long baseOffset;
    private final Path logFile;
    private final Path indexFile;
    private final LogConfig config;
    private final FileChannel channel; // the writer's; readers use reader
    private final ReadChannel reader;
    private final int formatVersion;
    private final long dataStart; // file position of the first entry
    private SparseIndex index;

    // writer state
    private long size;
    private long nextOffset;
    private long firstTimestamp = -1;
    private long bytesSinceIndexEntry;

    private volatile long maxTimestamp = -1;
    private volatile long committedSize;
    private volatile boolean deleted;

    private Segment(Path dir, long baseOffset, LogConfig config, FileChannels channels, boolean create)
            throws IOException {
        this.baseOffset = baseOffset;
        this.logFile = dir.resolve(fileName(baseOffset, LOG_SUFFIX));
        this.indexFile = dir.resolve(fileName(baseOffset, INDEX_SUFFIX));
        this.config = config;
        this.nextOffset = baseOffset;
        this.channel = create
                ? channels.open(logFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)
                : channels.open(logFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        int version = create ? TORN_HEADER : formatVersion(channel);
        if (version == TORN_HEADER) {
            channel.truncate(0);
            ByteBuffer header = header();
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
            version = VERSION;
        } else if (version != HEADERLESS_VERSION && version != VERSION) {
            channel.close();
            throw new UnsupportedFormatVersionException("segment", logFile.toString(), version, VERSION);
        }
        this.formatVersion = version;
        this.dataStart = version == VERSION ? HEADER_SIZE : 0;
        this.size = dataStart;
        this.reader = new ReadChannel(logFile);
        this.index = new SparseIndex(indexFile, List.of(), 0);
    }

    private static ByteBuffer header() {
        return ByteBuffer.allocate(HEADER_SIZE).putInt(MAGIC).putInt(VERSION).flip();
    }

    /**
     * The format version a segment file declares: {@link #HEADERLESS_VERSION}, the version in its header (which
     * may be one this code does not know), or {@link #TORN_HEADER}.
     */
    static int formatVersion(FileChannel channel) throws IOException {
        long fileSize = channel.size();
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(HEADER_SIZE, fileSize));
        while (head.hasRemaining() && channel.read(head, head.position()) >= 0) {
            // read until the buffer is full; the file is at least that long
        }
        head.flip();
        if (fileSize < HEADER_SIZE && head.equals(header().limit(head.limit()))) {
            return TORN_HEADER;
        }
        if (fileSize >= HEADER_SIZE && head.getInt(0) == MAGIC) {
            return head.getInt(4);
        }
        return HEADERLESS_VERSION;
    }

    /** File position of the first entry: after the header, if the file has one. */
    static long dataStart(int formatVersion) {
        return formatVersion == HEADERLESS_VERSION ? 0 : HEADER_SIZE;
    }

    /** Creates an empty segment; a stale index file of the same name is removed. */
    static Segment create(Path dir, long baseOffset, LogConfig config) throws IOException {
        return create(dir, baseOffset, config, FileChannels.SYSTEM);
    }

    /** As {@link #create(Path, long, LogConfig)}, opening the writer's channel through {@code channels}. */
    static Segment create(Path dir, long baseOffset, LogConfig config, FileChannels channels) throws IOException {
        Files.deleteIfExists(dir.resolve(fileName(baseOffset, INDEX_SUFFIX)));
        return new Segment(dir, baseOffset, config, channels, true);
    }

    /** Opens an existing segment; call {@link #recover()} before using it. */
    static Segment open(Path dir, long baseOffset, LogConfig config) throws IOException {
        return open(dir, baseOffset, config, FileChannels.SYSTEM);
    }

    /** As {@link #open(Path, long, LogConfig)}, opening the writer's channel through {@code channels}. */
    static Segment open(Path dir, long baseOffset, LogConfig config, FileChannels channels) throws IOException {
        return new Segment(dir, baseOffset, config, channels, false);
    }

    static String fileName(long baseOffset, String suffix) {
        return String.format("%020d%s", baseOffset, suffix);
    }

    /** Applies the recovery rule of the class comment; returns the number of bytes cut from the log file. */
    long recover() throws IOException {
        long fileSize = channel.size();
        List<SparseIndex.Entry> onDisk = SparseIndex.readFile(indexFile);
        int trusted = trustedPrefix(onDisk, fileSize);
        if (trusted > 0) {
            EntryCursor first = cursor(dataStart, fileSize, baseOffset);
            if (first.next()) {
                firstTimestamp = first.timestamp();
            } else {
                trusted = 0;
            }
        }
        List<SparseIndex.Entry> entries = new ArrayList<>(onDisk.subList(0, trusted));
        EntryCursor cursor = trusted == 0
                ? cursor(dataStart, fileSize, baseOffset)
                : cursor(entries.getLast().position(), fileSize, entries.getLast().offset());
        while (cursor.next()) {
            if (bytesSinceIndexEntry >= config.indexIntervalBytes()) {
                entries.add(new SparseIndex.Entry(cursor.offset(), cursor.entryPosition(), cursor.timestamp()));
                bytesSinceIndexEntry = 0;
            }
            bytesSinceIndexEntry += cursor.entrySize();
            if (firstTimestamp < 0) {
                firstTimestamp = cursor.timestamp();
            }
            maxTimestamp = cursor.timestamp();
            nextOffset = cursor.offset() + 1;
        }
        size = cursor.position();
        long cut = fileSize - size;
        if (cut > 0) {
            channel.truncate(size);
        }
        SparseIndex.truncateFile(indexFile, trusted);
        index = new SparseIndex(indexFile, entries, trusted);
        index.flush();
        committedSize = size;
        return cut;
    }

    private int trustedPrefix(List<SparseIndex.Entry> onDisk, long fileSize) throws IOException {
        int n = 0;
        long previousOffset = baseOffset;
        long previousPosition = dataStart;
        long previousTimestamp = Long.MIN_VALUE;
        for (SparseIndex.Entry e : onDisk) {
            if (e.offset() <= previousOffset || e.position() <= previousPosition || e.position() >= fileSize
                    || e.timestamp() < previousTimestamp) {
                break;
            }
            previousOffset = e.offset();
            previousPosition = e.position();
            previousTimestamp = e.timestamp();
            n++;
        }
        while (n > 0 && !agrees(onDisk.get(n - 1), fileSize)) {
            n--;
        }
        return n;
    }

    private boolean agrees(SparseIndex.Entry e, long fileSize) throws IOException {
        EntryCursor c = cursor(e.position(), fileSize, e.offset());
        return c.next() && c.timestamp() == e.timestamp();
    }

    /**
     * True if the next append of {@code appendBytes} should go to a new segment: {@code segmentBytes} bounds the
     * entries' bytes, so a header does not change how many entries a segment holds. Writer only.
     */
    boolean shouldRoll(ByteBuffer staged, long appendBytes, long now) {
        return !isEmpty()
                && (size - dataStart + staged.position() + appendBytes > config.segmentBytes()
                || now - firstTimestamp >= config.segmentMillis());
    }

    /**
     * Encodes the entry into {@code staged}, which holds only this segment's bytes not yet written, and indexes it
     * if due. Writer only.
     */
    void stage(ByteBuffer staged, AppendRecord record, long offset, long timestamp) {
        if (bytesSinceIndexEntry >= config.indexIntervalBytes()) {
            index.add(offset, size + staged.position(), timestamp);
            bytesSinceIndexEntry = 0;
        }
        bytesSinceIndexEntry += EntryCodec.encode(staged, offset, timestamp, record);
        if (firstTimestamp < 0) {
            firstTimestamp = timestamp;
        }
        maxTimestamp = timestamp;
        nextOffset = offset + 1;
    }

    /** Writes the staged bytes at the end of the file and clears {@code staged}. Writer only. */
    void write(ByteBuffer staged) throws IOException {
        staged.flip();
        long at = size;
        while (staged.hasRemaining()) {
            at += channel.write(staged, at);
        }
        size = at;
        staged.clear();
    }

    /** Forces the written bytes to the device. */
    void force() throws IOException {
        channel.force(false);
    }

    /** Makes everything written visible to readers and writes the index entries for it. Writer only. */
    void commit() throws IOException {
        committedSize = size;
        index.flush();
    }

    /**
     * Adds to {@code out} the committed entries with offsets in [{@code fromOffset}, {@code endOffset}) until
     * {@code out} is full.
     */
    void read(long fromOffset, long endOffset, RecordCollector out) throws IOException {
        EntryCursor cursor = cursorFrom(index.floorByOffset(fromOffset));
        while (!out.isFull() && cursor.nextOffset() < endOffset && cursor.next()) {
            if (cursor.offset() >= fromOffset) {
                if (!out.fits(cursor.dataLength())) {
                    return;
                }
                out.add(cursor.record());
            }
        }
        checkNotCorrupt(cursor);
    }

    /** The first committed offset below {@code endOffset} whose timestamp is at least {@code timestamp}, or -1. */
    long findTimestamp(long timestamp, long endOffset) throws IOException {
        EntryCursor cursor = cursorFrom(index.lastBeforeTimestamp(timestamp));
        while (cursor.nextOffset() < endOffset && cursor.next()) {
            if (cursor.timestamp() >= timestamp) {
                return cursor.offset();
            }
        }
        checkNotCorrupt(cursor);
        return -1;
    }

    private EntryCursor cursorFrom(SparseIndex.Entry start) {
        long limit = committedSize;
        return start == null
                ? new EntryCursor(reader::read, dataStart, limit, baseOffset)
                : new EntryCursor(reader::read, start.position(), limit, start.offset());
    }

    private EntryCursor cursor(long position, long limit, long expectedOffset) {
        return new EntryCursor(channel::read, position, limit, expectedOffset);
    }

    private void checkNotCorrupt(EntryCursor cursor) throws IOException {
        if (cursor.isInvalid()) {
            throw new IOException("corrupt entry at position " + cursor.position() + " of " + logFile);
        }
    }

    long baseOffset() {
        return baseOffset;
    }

    int formatVersion() {
        return formatVersion;
    }

    /** The offset after this segment's last written entry. Writer only. */
    long nextOffset() {
        return nextOffset;
    }

    boolean isEmpty() {
        return nextOffset == baseOffset;
    }

    /** Timestamp of the newest written entry, or -1 if there is none. */
    long maxTimestamp() {
        return maxTimestamp;
    }

    boolean isDeleted() {
        return deleted;
    }

    void close() throws IOException {
        try (reader) {
            channel.close();
        }
    }

    /** Closes the segment and removes its files; concurrent readers then fail and can tell why. */
    void delete() throws IOException {
        deleted = true;
        close();
        Files.deleteIfExists(logFile);
        Files.deleteIfExists(indexFile);
    }
}
