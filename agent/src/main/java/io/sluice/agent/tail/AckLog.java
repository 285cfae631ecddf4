package io.sluice.agent.tail;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns acknowledged positions into checkpoints. A {@link TailPosition} names a file and an offset; the checkpoint
 * also needs what the file was like then (its first bytes, last-modified time), which differ between two readings of
 * one file (truncated and read again). The reader notes each reading (a segment: one opening of a file) in poll
 * order; an acknowledged position is looked up in the oldest segment of its file that holds it, and the segments
 * before it are dropped. A position two readings of a file both hold is taken as the older one: a restart then reads
 * more again, never less.
 *
 * <p>Thread-safe: the reader calls {@link #polled}, senders call {@link #checkpoint}; one {@link ReentrantLock}.
 */
final class AckLog {

    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Segment> segments = new ArrayDeque<>();

    /** The reader returned records of {@code file} up to {@code end}. */
    void polled(OpenFile file, long start, long end) {
        lock.lock();
        try {
            Segment last = segments.peekLast();
            if (last == null || last.generation != file.generation()) {
                last = new Segment(file.generation(), file.fileKey(), start);
                segments.addLast(last);
            }
            last.end = end;
            last.path = file.path();
            last.readOffset = file.readOffset();
            last.modifiedMillis = file.modifiedMillis();
            last.fingerprint = file.fingerprint();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The checkpoint of the acknowledged position; null when it is not after the last one (acknowledgements from
     * several senders may arrive out of order, and a checkpoint never moves back).
     */
    Checkpoint checkpoint(String flowId, TailPosition position, long nowMillis) {
        lock.lock();
        try {
            Segment found = null;
            for (Segment s : segments) {
                if (s.fileKey.equals(position.fileKey()) && s.start <= position.offset()
                        && position.offset() <= s.end) {
                    found = s;
                    break;
                }
            }
            if (found == null || position.offset() <= found.acked) {
                return null;
            }
            for (Iterator<Segment> it = segments.iterator(); it.next() != found; ) {
                it.remove();
            }
            found.acked = position.offset();
            return new Checkpoint(flowId, found.fileKey, position.path() != null ? position.path() : found.path,
                    position.offset(), found.readOffset, found.modifiedMillis, found.fingerprint, nowMillis);
        } finally {
            lock.unlock();
        }
    }

    /** One reading of one file; fields guarded by the log's lock. */
    private static final class Segment {
        final long generation;
        final String fileKey;
        final long start;
        long end;
        long acked = -1;
        long readOffset;
        long modifiedMillis;
        Path path;
        FileFingerprint fingerprint;

        Segment(long generation, String fileKey, long start) {
            this.generation = generation;
            this.fileKey = fileKey;
            this.start = start;
        }
    }
}
