package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a segment file and its index offline, without changing them, for {@code sluice data check} and
 * {@code sluice data dump}: every entry's framing, offset, timestamp order and CRC (the rules of {@link Segment}),
 * and every index entry against the entry it points at. Unlike recovery it does not stop at the first bad entry:
 * while the length fields still frame the file, it reports each problem and carries on, so that one flipped byte
 * gives one problem. Stateless; a scan is confined to the calling thread.
 */
public final class SegmentScanner {

    /** One entry as found in the file; key and data are empty if its key length was out of bounds. */
    public record Entry(long position, long offset, long timestamp, byte flags, int keyLength, int dataLength,
                        byte[] partitionKey, byte[] data, boolean crcOk) {
    }

    /** Something wrong at a position of a file. */
    public record Problem(Path file, long position, String description) {
        @Override
        public String toString() {
            return file + " at position " + position + ": " + description;
        }
    }

    /**
     * What a scan found.
     *
     * @param formatVersion the segment format version the file declares (see {@link Segment})
     * @param nextOffset    the offset after the last entry that framed correctly
     * @param indexEntries  entries in the index file (0 if there is none)
     */
    public record Result(Path file, int formatVersion, long baseOffset, long entries, long nextOffset, long bytes,
                         int indexEntries, List<Problem> problems) {
    }

    private SegmentScanner() {
    }

    /** True if the file name is a segment's ({@code <20 digits>.log}). */
    public static boolean isSegmentFile(Path file) {
        String name = file.getFileName().toString();
        return name.length() == 20 + Segment.LOG_SUFFIX.length() && name.endsWith(Segment.LOG_SUFFIX)
                && name.substring(0, 20).chars().allMatch(Character::isDigit);
    }

    /** Scans a segment file and its index (next to it), handing every entry that frames to {@code entries}. */
    public static Result scan(Path logFile, Consumer<Entry> entries) throws IOException {
        long baseOffset = Long.parseLong(logFile.getFileName().toString().substring(0, 20));
        Path indexFile = logFile.resolveSibling(Segment.fileName(baseOffset, Segment.INDEX_SUFFIX));
        List<Problem> problems = new ArrayList<>();
        List<SparseIndex.Entry> index = readIndex(indexFile, problems);
        Map<Long, Integer> indexed = new HashMap<>(); // position -> index entry number
        for (int i = 0; i < index.size(); i++) {
            indexed.put(index.get(i).position(), i);
        }
        long[] counted = {0, baseOffset}; // entries, next offset
        int version;
        long size;
        try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.READ)) {
            size = channel.size();
            version = Segment.formatVersion(channel);
            if (version == Segment.TORN_HEADER) {
                version = Segment.VERSION;
                if (size > 0) {
                    problems.add(new Problem(logFile, 0, "torn header (" + size + " bytes); recovery rewrites it"));
                }
            } else if (version != Segment.VERSION && version != Segment.HEADERLESS_VERSION) {
                problems.add(new Problem(logFile, 4, "unknown segment format version " + version));
                return new Result(logFile, version, baseOffset, 0, baseOffset, size, index.size(), problems);
            }
            long start = size < Segment.HEADER_SIZE ? size : Segment.dataStart(version);
            walk(channel, logFile, start, size, baseOffset, problems, entry -> {
                Integer i = indexed.remove(entry.position());
                if (i != null) {
                    SparseIndex.Entry e = index.get(i);
                    if (e.offset() != entry.offset() || e.timestamp() != entry.timestamp()) {
                        problems.add(new Problem(indexFile, (long) i * SparseIndex.ENTRY_SIZE, "index entry says"
                                + " offset " + e.offset() + " timestamp " + e.timestamp() + " at position "
                                + e.position() + ", the segment has offset " + entry.offset() + " timestamp "
                                + entry.timestamp()));
                    }
                }
                counted[0]++;
                counted[1] = entry.offset() + 1;
                entries.accept(entry);
            });
        }
        indexed.values().stream().sorted().forEach(i -> problems.add(new Problem(indexFile,
                (long) i * SparseIndex.ENTRY_SIZE, "index entry for offset " + index.get(i).offset()
                + " points at position " + index.get(i).position() + ", where no entry starts")));
        return new Result(logFile, version, baseOffset, counted[0], counted[1], size, index.size(), problems);
    }

    private static void walk(FileChannel channel, Path file, long start, long size, long baseOffset,
                             List<Problem> problems, Consumer<Entry> sink) throws IOException {
        long position = start;
        long expectedOffset = baseOffset;
        long lastTimestamp = Long.MIN_VALUE;
        ByteBuffer header = ByteBuffer.allocate(EntryCodec.HEADER_SIZE);
        while (position < size) {
            if (size - position < EntryCodec.HEADER_SIZE) {
                problems.add(new Problem(file, position, "torn entry: " + (size - position)
                        + " bytes after the last whole entry"));
                return;
            }
            read(channel, header.clear(), position);
            int length = header.getInt(0);
            if (length < EntryCodec.MIN_LENGTH || length > size - position - 4) {
                problems.add(new Problem(file, position, "entry length " + length + (length < EntryCodec.MIN_LENGTH
                        ? " is below the minimum of " + EntryCodec.MIN_LENGTH
                        : " runs past the end of the file (" + (size - position - 4) + " bytes left)")
                        + "; nothing after it can be framed"));
                return;
            }
            ByteBuffer entry = ByteBuffer.allocate(4 + length);
            read(channel, entry, position);
            long offset = entry.getLong(EntryCodec.OFFSET_AT);
            long timestamp = entry.getLong(EntryCodec.TIMESTAMP_AT);
            int keyLength = entry.getInt(EntryCodec.KEY_LENGTH_AT);
            boolean crcOk = EntryCodec.crc(entry, EntryCodec.OFFSET_AT, length + 4 - EntryCodec.OFFSET_AT)
                    == entry.getInt(EntryCodec.CRC_AT);
            if (!crcOk) {
                problems.add(new Problem(file, position, "CRC mismatch in the entry of offset " + offset));
            }
            if (offset != expectedOffset) {
                problems.add(new Problem(file, position, "offset " + offset + " where " + expectedOffset
                        + " was expected"));
            }
            if (timestamp < lastTimestamp) {
                problems.add(new Problem(file, position, "timestamp " + timestamp + " of offset " + offset
                        + " is before the previous entry's " + lastTimestamp));
            }
            boolean keyFits = keyLength >= 0 && keyLength <= length - EntryCodec.MIN_LENGTH;
            if (!keyFits) {
                problems.add(new Problem(file, position, "key length " + keyLength + " of offset " + offset
                        + " does not fit in the entry"));
            }
            byte[] key = new byte[keyFits ? keyLength : 0];
            entry.get(EntryCodec.HEADER_SIZE, key);
            byte[] data = new byte[keyFits ? length - EntryCodec.MIN_LENGTH - keyLength : 0];
            entry.get(EntryCodec.HEADER_SIZE + key.length, data);
            sink.accept(new Entry(position, offset, timestamp, entry.get(EntryCodec.FLAGS_AT), key.length,
                    data.length, key, data, crcOk));
            position += 4 + length;
            expectedOffset = offset + 1;
            lastTimestamp = Math.max(lastTimestamp, timestamp);
        }
    }

    private static List<SparseIndex.Entry> readIndex(Path indexFile, List<Problem> problems) throws IOException {
        if (!Files.exists(indexFile)) {
            return List.of();
        }
        long size = Files.size(indexFile);
        if (size % SparseIndex.ENTRY_SIZE != 0) {
            problems.add(new Problem(indexFile, size - size % SparseIndex.ENTRY_SIZE, "index ends with a torn entry"
                    + " of " + size % SparseIndex.ENTRY_SIZE + " bytes"));
        }
        return SparseIndex.readFile(indexFile);
    }

    private static void read(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into, position + into.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }
}
