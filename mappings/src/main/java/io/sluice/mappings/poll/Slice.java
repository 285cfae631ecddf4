package io.sluice.mappings.poll;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One ParallelizationFactor slice of a shard: the records whose partition key hashes to it, in shard order, and
 * the batches made of them. A slice has at most one batch in flight and tries its batches strictly in order, so
 * the records of one partition key reach the function in order, and a batch that keeps failing holds up only its
 * slice. A batch is made when the slice holds BatchSize records, when their payload reaches 6 MB, when the
 * batching window since the first of them was read has passed (at once for a window of 0), or when the shard has
 * been read to its end. With tumbling windows a batch holds records of one window only, and a window's final
 * invocation comes before the first batch of the next window.
 *
 * <p><b>Threading</b>: confined to the mapping's task thread.
 */
final class Slice {

    /** A tumbling window being aggregated. */
    static final class OpenWindow {
        final long start;
        JsonNode state;
        boolean terminatedEarly;

        OpenWindow(long start, JsonNode state) {
            this.start = start;
            this.state = state;
        }
    }

    final int index;
    private final Deque<PendingRecord> buffered = new ArrayDeque<>();
    private long bufferedBytes;
    /** The front one is being tried; bisection puts halves at the front. */
    final Deque<Batch> batches = new ArrayDeque<>();
    OpenWindow window;

    Slice(int index) {
        this.index = index;
    }

    void add(PendingRecord record) {
        buffered.addLast(record);
        bufferedBytes += record.eventBytes;
    }

    boolean idle() {
        return buffered.isEmpty() && batches.isEmpty() && window == null;
    }

    /**
     * The batch to try next, made from buffered records if none is waiting, or null if there is none yet.
     *
     * @param windowMillis the tumbling window's length, 0 for none
     * @param caughtUp     the shard's last read found nothing new (a window whose time is up may close)
     * @param shardEnded   the shard has been read to its end: flush everything, close the window
     */
    Batch next(long now, int batchSize, long batchingWindowMillis, long windowMillis, boolean caughtUp,
               boolean shardEnded) {
        if (!batches.isEmpty()) {
            return batches.peekFirst();
        }
        PendingRecord first = buffered.peekFirst();
        if (windowMillis > 0 && window != null) {
            boolean laterWindow = first != null && windowOf(first, windowMillis) != window.start;
            boolean timeUp = first == null && now >= window.start + windowMillis && (caughtUp || shardEnded);
            if (window.terminatedEarly || laterWindow || timeUp || first == null && shardEnded) {
                batches.addLast(Batch.finalInvoke());
                return batches.peekFirst();
            }
        }
        if (first == null) {
            return null;
        }
        boolean full = buffered.size() >= batchSize || bufferedBytes >= KinesisEventWriter.MAX_PAYLOAD_BYTES;
        boolean waitedEnough = now >= first.readAt + batchingWindowMillis;
        boolean windowClosed = windowMillis > 0
                && windowOf(buffered.peekLast(), windowMillis) != windowOf(first, windowMillis);
        if (!full && !waitedEnough && !windowClosed && !shardEnded) {
            return null;
        }
        batches.addLast(Batch.of(take(batchSize, windowMillis)));
        return batches.peekFirst();
    }

    private List<PendingRecord> take(int batchSize, long windowMillis) {
        List<PendingRecord> out = new ArrayList<>(Math.min(batchSize, buffered.size()));
        long bytes = 0;
        long window = windowMillis > 0 ? windowOf(buffered.peekFirst(), windowMillis) : 0;
        while (!buffered.isEmpty() && out.size() < batchSize) {
            PendingRecord next = buffered.peekFirst();
            if (!out.isEmpty() && (bytes + next.eventBytes > KinesisEventWriter.MAX_PAYLOAD_BYTES
                    || windowMillis > 0 && windowOf(next, windowMillis) != window)) {
                break;
            }
            buffered.removeFirst();
            bufferedBytes -= next.eventBytes;
            bytes += next.eventBytes;
            out.add(next);
        }
        return out;
    }

    /** The start of the tumbling window a record belongs to, by its arrival time. */
    static long windowOf(PendingRecord record, long windowMillis) {
        return Math.floorDiv(record.arrivalMillis(), windowMillis) * windowMillis;
    }

    int bufferedCount() {
        return buffered.size();
    }
}
