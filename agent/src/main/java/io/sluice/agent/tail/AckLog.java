package io.sluice.agent.tail;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns acknowledged positions into checkpoints. A {@link TailPosition} names a file and an offset; the checkpoint
 * also needs what the file was like then (its first bytes, last-modified time), which differ between two readings of
 * one file (truncated and written again: the same offset then lies in two contents). The reader notes each reading
 * (a segment: one opening of a file) with the end offsets of the records it returned, in poll order; an acknowledged
 * position is the first record not yet acknowledged with that file and end offset, and the records before it are
 * dropped. So a checkpoint always names a record's end in the content it was read from (a position both readings
 * hold is taken in the older one: a restart then reads more again, never less). Memory: 8 bytes per record returned
 * and not yet acknowledged.
 *
 * <p>Thread-safe: the reader calls {@link #polled}, senders call {@link #checkpoint}; one {@link ReentrantLock}.
 */
final class AckLog {

    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Segment> segments = new ArrayDeque<>();

    /** The reader returned records of {@code file} ending at {@code ends[0..count)}, in order. */
    void polled(OpenFile file, long[] ends, int count) {
        lock.lock();
        try {
            Segment last = segments.peekLast();
            if (last == null || last.generation != file.generation()) {
                last = new Segment(file.generation(), file.fileKey());
                segments.addLast(last);
            }
            last.add(ends, count);
            last.path = file.path();
            last.readOffset = file.readOffset();
            last.modifiedMillis = file.modifiedMillis();
            last.fingerprint = file.fingerprint();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The checkpoint of the acknowledged position; null when no record not yet acknowledged ends there (an
     * acknowledgement out of order: a checkpoint never moves back).
     */
    Checkpoint checkpoint(String flowId, TailPosition position, long nowMillis) {
        lock.lock();
        try {
            for (Iterator<Segment> it = segments.iterator(); it.hasNext(); ) {
                Segment s = it.next();
                if (s.fileKey.equals(position.fileKey()) && s.acknowledge(position.offset())) {
                    while (segments.peekFirst() != s) {
                        segments.removeFirst();
                    }
                    return new Checkpoint(flowId, s.fileKey, position.path() != null ? position.path() : s.path,
                            position.offset(), s.readOffset, s.modifiedMillis, s.fingerprint, nowMillis);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** One reading of one file; fields guarded by the log's lock. */
    private static final class Segment {
        final long generation;
        final String fileKey;
        long[] ends = new long[16];
        int head;
        int tail;
        long readOffset;
        long modifiedMillis;
        Path path;
        FileFingerprint fingerprint;

        Segment(long generation, String fileKey) {
            this.generation = generation;
            this.fileKey = fileKey;
        }

        void add(long[] more, int count) {
            if (tail + count > ends.length) {
                int live = tail - head;
                long[] grown = live + count > ends.length / 2 ? new long[Math.max(16, 2 * (live + count))] : ends;
                System.arraycopy(ends, head, grown, 0, live);
                ends = grown;
                head = 0;
                tail = live;
            }
            System.arraycopy(more, 0, ends, tail, count);
            tail += count;
        }

        /** Drops the records up to the one ending at {@code offset}; false when none not yet dropped ends there. */
        boolean acknowledge(long offset) {
            int at = Arrays.binarySearch(ends, head, tail, offset);
            if (at < 0) {
                return false;
            }
            head = at + 1;
            return true;
        }
    }
}
