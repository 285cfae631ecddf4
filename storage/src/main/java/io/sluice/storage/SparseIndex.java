package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sparse index of one segment: for some entries, their offset, file position and timestamp. Offsets and
 * positions strictly increase along the index and timestamps never decrease (the log never gives a later entry
 * a smaller timestamp), so the same index answers "where is offset N" and "where do timestamps reach T" by binary
 * search.
 *
 * <p><b>File format</b> ({@code <base offset>.index}): a sequence of 24-byte entries, big-endian
 * {@code int64 offset, int64 position, int64 timestamp}, no header and no checksum. The file is a cache of what
 * the segment says: it is written only after the log bytes it points to have been written and (with fsync on)
 * forced, and it is never forced itself. So an entry found on disk points into data that was durable when the
 * entry was written, and a lost, short or garbage index costs a longer recovery scan, never data. Recovery
 * ({@link Segment#recover()}) keeps only the prefix that agrees with the log and rewrites the rest.
 *
 * <p><b>Version</b>: the file has no header and no version of its own; it follows its segment's (positions are
 * file positions in the segment, after its header if it has one). This layout is the only one ever written, and a
 * future one needs no migration: an index that does not agree with its segment is rebuilt from it at recovery.
 *
 * <p><b>Threading</b>: one writer ({@link #add}, {@link #flush}); any number of concurrent readers of the lookups,
 * which see an immutable snapshot published through a volatile field.
 */
final class SparseIndex {

    static final int ENTRY_SIZE = 24;

    record Entry(long offset, long position, long timestamp) {
    }

    /** Arrays shared between snapshots: the writer only ever writes past a published size. */
    private record Snapshot(long[] offsets, long[] positions, long[] timestamps, int size) {
    }

    private final Path file;
    private volatile Snapshot snapshot;
    private int flushed; // writer only: entries already in the file

    /**
     * @param entries entries in index order
     * @param flushed how many leading entries the file already holds (the file must hold nothing after them)
     */
    SparseIndex(Path file, List<Entry> entries, int flushed) {
        this.file = file;
        int capacity = Math.max(16, entries.size());
        long[] offsets = new long[capacity];
        long[] positions = new long[capacity];
        long[] timestamps = new long[capacity];
        for (int i = 0; i < entries.size(); i++) {
            offsets[i] = entries.get(i).offset();
            positions[i] = entries.get(i).position();
            timestamps[i] = entries.get(i).timestamp();
        }
        this.snapshot = new Snapshot(offsets, positions, timestamps, entries.size());
        this.flushed = flushed;
    }

    /** Every whole entry in the file, unchecked; empty if the file does not exist. */
    static List<Entry> readFile(Path file) throws IOException {
        ByteBuffer bytes;
        try {
            bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>(bytes.remaining() / ENTRY_SIZE);
        while (bytes.remaining() >= ENTRY_SIZE) {
            entries.add(new Entry(bytes.getLong(), bytes.getLong(), bytes.getLong()));
        }
        return entries;
    }

    /** Cuts the file to its first {@code entries} entries, if it is longer. */
    static void truncateFile(Path file, int entries) throws IOException {
        if (Files.exists(file) && Files.size(file) > (long) entries * ENTRY_SIZE) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate((long) entries * ENTRY_SIZE);
            }
        }
    }

    /** Adds an entry in memory; {@link #flush()} writes it to the file. Writer only. */
    void add(long offset, long position, long timestamp) {
        Snapshot s = snapshot;
        long[] offsets = s.offsets;
        long[] positions = s.positions;
        long[] timestamps = s.timestamps;
        if (s.size == offsets.length) {
            offsets = Arrays.copyOf(offsets, s.size * 2);
            positions = Arrays.copyOf(positions, s.size * 2);
            timestamps = Arrays.copyOf(timestamps, s.size * 2);
        }
        offsets[s.size] = offset;
        positions[s.size] = position;
        timestamps[s.size] = timestamp;
        snapshot = new Snapshot(offsets, positions, timestamps, s.size + 1);
    }

    /** Appends the entries not yet in the file, with one write. Writer only. */
    void flush() throws IOException {
        Snapshot s = snapshot;
        if (flushed == s.size) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate((s.size - flushed) * ENTRY_SIZE);
        for (int i = flushed; i < s.size; i++) {
            buffer.putLong(s.offsets[i]).putLong(s.positions[i]).putLong(s.timestamps[i]);
        }
        buffer.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long at = (long) flushed * ENTRY_SIZE;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        }
        flushed = s.size;
    }

    /** The last entry whose offset is at most {@code offset}, or null. */
    Entry floorByOffset(long offset) {
        Snapshot s = snapshot;
        int i = lastAtMost(s.offsets, s.size, offset);
        return i < 0 ? null : entry(s, i);
    }

    /** The last entry whose timestamp is below {@code timestamp}, or null: a scan for the first entry at or after
     * {@code timestamp} can start there. */
    Entry lastBeforeTimestamp(long timestamp) {
        Snapshot s = snapshot;
        int i = timestamp == Long.MIN_VALUE ? -1 : lastAtMost(s.timestamps, s.size, timestamp - 1);
        return i < 0 ? null : entry(s, i);
    }

    private static Entry entry(Snapshot s, int i) {
        return new Entry(s.offsets[i], s.positions[i], s.timestamps[i]);
    }

    /** Index of the last of the first {@code size} values (non-decreasing) that is at most {@code key}, or -1. */
    private static int lastAtMost(long[] values, int size, long key) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (values[mid] <= key) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return high;
    }
}
