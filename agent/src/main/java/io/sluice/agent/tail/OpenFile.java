package io.sluice.agent.tail;

import io.sluice.agent.parse.RecordSplitter;
import io.sluice.agent.parse.SplitRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file a flow reads now, through a channel opened on it: renaming or deleting the file does not stop the reading,
 * so a rotated file is always read to its end. Reads feed the file's own {@link RecordSplitter}. Used by the flow's
 * reader thread only.
 */
final class OpenFile implements AutoCloseable {

    /** What a read found. */
    enum Read { DATA, END, TRUNCATED }

    private static final AtomicLong GENERATIONS = new AtomicLong();

    private final long generation = GENERATIONS.incrementAndGet();
    private final String fileKey;
    private final FileChannel channel;
    private final RecordSplitter splitter;
    private final ByteBuffer buffer;
    private Path path;
    private long modifiedMillis;
    private FileFingerprint fingerprint;
    private long readOffset;
    private long boundary;
    private long verifiedSize = -1;

    OpenFile(FileSnapshot file, FileChannel channel, long offset, RecordSplitter splitter, int bufferSize)
            throws IOException {
        this.fileKey = file.fileKey();
        this.path = file.path();
        this.modifiedMillis = file.modifiedMillis();
        this.channel = channel;
        this.splitter = splitter;
        this.buffer = ByteBuffer.allocate(bufferSize);
        this.fingerprint = FileFingerprint.of(channel);
        this.readOffset = offset;
        this.boundary = offset;
    }

    /**
     * Reads the next bytes and adds the records they complete to {@code records}. With {@code verify}, first checks
     * that the file is still the one being read: smaller than what was read, or its first bytes changed (truncated
     * and written again, even beyond the old size), is {@link Read#TRUNCATED}, and nothing is read.
     */
    Read read(List<SplitRecord> records, boolean verify) throws IOException {
        long size = channel.size();
        if (size < readOffset) {
            return Read.TRUNCATED;
        }
        if (verify && size != verifiedSize) {
            if (!fingerprint.matches(channel)) {
                return Read.TRUNCATED;
            }
            if (fingerprint.partial() && size > fingerprint.length()) {
                fingerprint = FileFingerprint.of(channel);
            }
            verifiedSize = size;
            FileLister.stat(path).filter(now -> now.fileKey().equals(fileKey))
                    .ifPresent(now -> modifiedMillis = now.modifiedMillis());
        }
        if (size == readOffset) {
            return Read.END;
        }
        buffer.clear();
        int n = channel.read(buffer, readOffset);
        if (n <= 0) {
            return Read.END;
        }
        add(records, splitter.feed(buffer.array(), 0, n, readOffset));
        readOffset += n;
        return Read.DATA;
    }

    /** The file is read to its end and left: the record still held, if any. */
    void finish(List<SplitRecord> records) {
        add(records, splitter.finish());
        boundary = readOffset;
    }

    private void add(List<SplitRecord> records, List<SplitRecord> split) {
        if (!split.isEmpty()) {
            records.addAll(split);
            boundary = split.getLast().endOffset();
        }
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Identifies this opening of the file: a file read again after a truncation is another generation. */
    long generation() {
        return generation;
    }

    String fileKey() {
        return fileKey;
    }

    Path path() {
        return path;
    }

    void movedTo(Path newPath) {
        path = newPath;
    }

    long modifiedMillis() {
        return modifiedMillis;
    }

    FileFingerprint fingerprint() {
        return fingerprint;
    }

    /** Bytes read so far (fed to the splitter). */
    long readOffset() {
        return readOffset;
    }

    /** The end of the last complete record: where reading resumes if this opening is dropped. */
    long boundary() {
        return boundary;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
