package io.sluice.storage;

import io.sluice.common.Clock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append-only log of one shard: a directory of {@link Segment}s (format and recovery rule there), opened and
 * appended to through a {@link LogStore}.
 *
 * <p><b>Offsets</b> start at 0 and go up by one per entry, with no gaps. <b>Timestamps</b>: the committer gives
 * every entry of a batch the arrival timestamp {@code max(clock.millis(), last assigned timestamp)}, so timestamps
 * never decrease along the log even if the clock steps back. That is what lets one sparse index per segment serve
 * both offset and timestamp lookups by binary search. <b>Visibility</b>: readers see only committed entries,
 * written and (with {@link LogConfig#fsync()}) forced; {@link #endOffset()} is the end of what they can see.
 *
 * <p><b>Threading.</b> One writer: entries are written only by the store's committer thread. {@link #read},
 * {@link #offsetForTimestamp} and the offset and timestamp getters may be called from any number of threads at any
 * time; they take no lock. A read that races retention deleting its segment retries from the new start offset, or
 * returns what it already has. {@link #deleteSegmentsOlderThan} may be called from any thread: it takes this log's
 * lock, which the committer holds while writing and publishing this log, and it only removes segments whose
 * entries are all committed.
 *
 * <p><b>Failures: fail-stop.</b> If writing, forcing, indexing or syncing the directory of this log fails, the
 * appends of that batch fail, and so do all later appends (their exception carries the first failure as its
 * cause): after a failed fsync the page cache cannot be trusted (Linux may drop the dirty pages and report the
 * error only once), so acknowledging anything later would acknowledge data that may not be on the device. The log
 * must be opened again, with recovery, by a new {@link LogStore} (restart the server). The first failure is logged
 * with its cause and reported to {@link StorageEvents#logFailed}. Committed entries stay readable.
 */
public final class ShardLog {

    /** What readers may see: entries below {@code endOffset}; the newest one's timestamp (-1 if none). */
    record Committed(long endOffset, long lastTimestamp) {
    }

    /** A batch written but not yet forced and published. */
    record Written(long[] firstOffsets, List<Segment> touched, Committed committed) {
    }

    /** Batches up to this size are written with one call; larger ones in pieces of at least this size. */
    private static final int STAGING_BYTES = 16 << 20;

    private final String name;
    private final Path dir;
    private final LogConfig config;
    private final Clock clock;
    private final FileChannels channels;
    private final EventReporter reporter;
    private final long recoveredBytesCut;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Committed committed;
    private volatile boolean closed;

    // guarded by lock
    private Segment active;
    private long nextOffset;
    private long lastAssignedTimestamp;
    private IOException failure;

    private ShardLog(String name, Path dir, LogConfig config, Clock clock, FileChannels channels,
                     EventReporter reporter, LogRecovery.Result recovered) {
        this.name = name;
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.channels = channels;
        this.reporter = reporter;
        this.recoveredBytesCut = recovered.bytesCut();
        long lastTimestamp = -1;
        for (Segment segment : recovered.segments()) {
            segments.put(segment.baseOffset(), segment);
            lastTimestamp = Math.max(lastTimestamp, segment.maxTimestamp());
        }
        this.active = recovered.segments().getLast();
        this.nextOffset = active.nextOffset();
        this.lastAssignedTimestamp = lastTimestamp;
        this.committed = new Committed(nextOffset, lastTimestamp);
    }

    /** Opens (recovering) or creates the log in {@code dir}, which must exist. */
    static ShardLog open(String name, Path dir, LogConfig config, Clock clock) throws IOException {
        return open(name, dir, config, clock, FileChannels.SYSTEM, EventReporter.NONE);
    }

    /** As {@link #open(String, Path, LogConfig, Clock)}, with the store's file seam and event reporter. */
    static ShardLog open(String name, Path dir, LogConfig config, Clock clock, FileChannels channels,
                         EventReporter reporter) throws IOException {
        return new ShardLog(name, dir, config, clock, channels, reporter,
                LogRecovery.recover(name, dir, config, channels, reporter));
    }

    /** The name the log was opened with in its {@link LogStore}. */
    public String name() {
        return name;
    }

    /** The oldest retained offset: 0 for a fresh log, moving forward as retention deletes segments. */
    public long startOffset() {
        return segments.firstKey();
    }

    /** The offset the next append will get, and the end of what readers can see. */
    public long endOffset() {
        return committed.endOffset();
    }

    /** The arrival timestamp of the newest retained committed entry, or -1 if the log holds none. */
    public long lastTimestamp() {
        return committed.lastTimestamp();
    }

    /** Bytes cut by recovery when this log was opened (0 if it was clean). */
    public long recoveredBytesCut() {
        return recoveredBytesCut;
    }

    /**
     * Committed entries from {@code max(fromOffset, startOffset())} on, at most {@code maxRecords} of them, stopping
     * before the total of data bytes would exceed {@code maxBytes}, but always at least one record if one exists.
     * A start offset beyond {@link #endOffset()} is clamped to it.
     */
    public ReadResult read(long fromOffset, int maxRecords, long maxBytes) throws IOException {
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
        }
        while (true) {
            ReadResult result = tryRead(fromOffset, maxRecords, maxBytes);
            if (result != null) {
                return result;
            }
        }
    }

    /**
     * One attempt at {@link #read}; null if retention removed segments under it before it had anything to return
     * (the caller then tries again from the new start offset).
     */
    private ReadResult tryRead(long fromOffset, int maxRecords, long maxBytes) throws IOException {
        ensureOpen();
        long end = committed.endOffset();
        long start = Math.min(Math.max(fromOffset, startOffset()), end);
        if (start == end) {
            return new ReadResult(List.of(), start);
        }
        RecordCollector out = new RecordCollector(maxRecords, maxBytes);
        Segment current = null;
        try {
            for (var e = segments.floorEntry(start); e != null && e.getKey() < end && !out.isFull();
                    e = segments.higherEntry(e.getKey())) {
                if (e.getKey() > out.nextOffset(start)) {
                    break; // the segments in between were just deleted; what we have is still consecutive
                }
                current = e.getValue();
                current.read(start, end, out);
            }
        } catch (IOException ex) {
            if (closed || current == null || !current.isDeleted()) {
                throw ex;
            }
        }
        // below the committed end there is always a record to return, unless retention raced us
        return out.isEmpty() ? null : new ReadResult(out.records(), out.nextOffset(start));
    }

    /** The first retained offset whose timestamp is at least {@code timestampMillis}, or {@link #endOffset()}. */
    public long offsetForTimestamp(long timestampMillis) throws IOException {
        while (true) {
            ensureOpen();
            long end = committed.endOffset();
            Segment current = null;
            try {
                for (Segment segment : segments.values()) {
                    current = segment;
                    if (segment.baseOffset() >= end) {
                        break;
                    }
                    if (segment.maxTimestamp() >= timestampMillis) {
                        long found = segment.findTimestamp(timestampMillis, end);
                        if (found >= 0) {
                            return found;
                        }
                    }
                }
                return end;
            } catch (IOException ex) {
                if (closed || current == null || !current.isDeleted()) {
                    throw ex;
                }
            }
        }
    }

    /**
     * Retention: deletes, oldest first, the segments whose newest entry's timestamp is below {@code cutoffMillis}.
     * If that includes the active segment, it is rolled first, so everything can go ({@link #startOffset()} then
     * equals {@link #endOffset()}). Returns the number of segments deleted.
     */
    public int deleteSegmentsOlderThan(long cutoffMillis) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            long end = committed.endOffset();
            List<Segment> expired = new ArrayList<>();
            for (Segment segment : segments.values()) {
                if (segment.isEmpty() || segment.maxTimestamp() >= cutoffMillis || segment.nextOffset() > end) {
                    break;
                }
                expired.add(segment);
            }
            if (expired.isEmpty()) {
                return 0;
            }
            boolean all = expired.getLast() == active;
            if (all) {
                roll();
            }
            for (Segment segment : expired) {
                segments.remove(segment.baseOffset());
                segment.delete();
            }
            if (all) {
                committed = new Committed(end, -1);
            }
            if (config.fsync()) {
                try {
                    Directories.fsync(dir);
                } catch (IOException | RuntimeException e) {
                    throw recordFailure(e, true);
                }
            }
            return expired.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives the appends consecutive offsets and one arrival timestamp, and writes them to the active segment (rolling
     * as needed) with one write per segment. Nothing is visible to readers until {@link #publish}. Committer only.
     */
    Written write(List<PendingAppend> appends) throws IOException {
        lock.lock();
        try {
            checkWritable();
            try {
                return writeLocked(appends);
            } catch (IOException | RuntimeException e) {
                throw recordFailure(e, false);
            }
        } finally {
            lock.unlock();
        }
    }

    private Written writeLocked(List<PendingAppend> appends) throws IOException {
        long now = clock.millis();
        long timestamp = Math.max(now, lastAssignedTimestamp);
        long total = 0;
        int largest = 0;
        for (PendingAppend p : appends) {
            total += p.bytes();
            largest = Math.max(largest, p.bytes());
        }
        ByteBuffer staged = ByteBuffer.allocate((int) Math.min(total, Math.max(STAGING_BYTES, largest)));
        long[] firstOffsets = new long[appends.size()];
        List<Segment> touched = new ArrayList<>(2);
        for (int i = 0; i < appends.size(); i++) {
            PendingAppend append = appends.get(i);
            if (active.shouldRoll(staged, append.bytes(), now)) {
                active.write(staged);
                roll();
            } else if (staged.remaining() < append.bytes()) {
                active.write(staged);
            }
            if (!touched.contains(active)) {
                touched.add(active);
            }
            firstOffsets[i] = nextOffset;
            for (AppendRecord record : append.records()) {
                active.stage(staged, record, nextOffset++, timestamp);
            }
        }
        active.write(staged);
        lastAssignedTimestamp = timestamp;
        return new Written(firstOffsets, touched, new Committed(nextOffset, timestamp));
    }

    /** Forces the segments the batch touched, if the config says so. Committer only, without the lock. */
    void force(Written written) throws IOException {
        if (!config.fsync()) {
            return;
        }
        try {
            for (Segment segment : written.touched()) {
                segment.force();
            }
        } catch (IOException | RuntimeException e) {
            throw recordFailure(e, true);
        }
    }

    /** Makes a written (and forced) batch visible to readers. Committer only. */
    void publish(Written written) throws IOException {
        lock.lock();
        try {
            checkWritable();
            try {
                for (Segment segment : written.touched()) {
                    segment.commit();
                }
            } catch (IOException | RuntimeException e) {
                throw recordFailure(e, false);
            }
            committed = written.committed();
        } finally {
            lock.unlock();
        }
    }

    /** Starts a new active segment at the next offset. Caller holds the lock. */
    private void roll() throws IOException {
        Segment next = Segment.create(dir, nextOffset, config, channels);
        segments.put(nextOffset, next);
        active = next;
        if (config.fsync()) {
            Directories.fsync(dir);
        }
    }

    /** Closes the files; later reads and appends fail. Appends being written fail too. */
    void close() throws IOException {
        lock.lock();
        try {
            closed = true;
            IOException first = null;
            for (Segment segment : segments.values()) {
                try {
                    segment.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Base offsets of the current segments, oldest first. */
    List<Long> segmentBaseOffsets() {
        return List.copyOf(segments.keySet());
    }

    private void checkWritable() throws IOException {
        ensureOpen();
        if (failure != null) {
            throw new IOException("log " + name + " failed earlier and takes no more appends; reopen it", failure);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("log " + name + " is closed");
        }
    }

    /** Fail-stops the log on its first failure (see the class comment); returns the failure to throw. */
    private IOException recordFailure(Exception e, boolean fsync) {
        IOException io = e instanceof IOException x ? x : new IOException("unexpected failure in log " + name, e);
        boolean first;
        lock.lock();
        try {
            first = failure == null && !closed;
            if (first) {
                failure = io;
            }
        } finally {
            lock.unlock();
        }
        if (first) {
            reporter.logFailed(name, fsync, io);
        }
        return io;
    }

    /** The failure that stopped this log, or null while it takes appends. */
    IOException failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }
}
