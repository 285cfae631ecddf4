package io.sluice.mappings.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.HashKeyRange;
import io.sluice.engine.ReadRecord;
import io.sluice.mappings.filter.EventFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * One shard of a mapping: reads it into its slices (records the filter rejects are done at once), and works out
 * its checkpoint: the sequence number before the first record read that is not done yet (records of several
 * slices finish out of order), with the open windows' states. Once the shard is read to its end and every record
 * and window of it is done, its checkpoint is SHARD_END and its children may start.
 *
 * <p><b>Threading</b>: confined to the mapping's task thread.
 */
final class ShardPoller {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String shardId;
    final Slice[] slices;
    private final ShardSource source;
    private final Deque<PendingRecord> order = new ArrayDeque<>();
    private Checkpoint saved;
    private String lastDone;
    private boolean ended;
    private boolean caughtUp;

    /** @param from the checkpoint it resumes from (its windows are restored into the slices) */
    ShardPoller(String shardId, int parallelization, ShardSource source, Checkpoint from) {
        this.shardId = shardId;
        this.source = source;
        this.saved = from;
        this.lastDone = from.sequenceNumber();
        this.slices = new Slice[parallelization];
        for (int i = 0; i < parallelization; i++) {
            slices[i] = new Slice(i);
        }
        for (Checkpoint.WindowState w : from.windows()) {
            if (w.slice() < parallelization) {
                slices[w.slice()].window = new Slice.OpenWindow(w.windowStart(), readState(w.state()));
            }
        }
    }

    /**
     * Reads once if fewer than {@code limit} records are in memory.
     *
     * @return how many records were read
     */
    int read(int limit, EventFilter filter, KinesisEventWriter writer, long now) {
        if (ended || order.size() >= limit) {
            return 0;
        }
        ShardSource.Read read = source.read(limit - order.size());
        for (ReadRecord record : read.records()) {
            PendingRecord pending = new PendingRecord(record, writer.eventBytes(shardId, record), now);
            order.addLast(pending);
            if (filter == EventFilter.ALL || filter.matches(writer.filterView(shardId, record))) {
                slices[sliceOf(record.partitionKey())].add(pending);
            } else {
                pending.done = true;
            }
        }
        ended = read.atEnd();
        caughtUp = read.records().isEmpty();
        return read.records().size();
    }

    private int sliceOf(String partitionKey) {
        if (slices.length == 1) {
            return 0;
        }
        return HashKeyRange.hashOf(partitionKey).mod(BigInteger.valueOf(slices.length)).intValue();
    }

    boolean ended() {
        return ended;
    }

    boolean caughtUp() {
        return caughtUp;
    }

    /** The checkpoint to store now, or null if it has not moved since the last one stored. */
    Checkpoint due() {
        while (!order.isEmpty() && order.peekFirst().done) {
            lastDone = order.removeFirst().sequenceNumber;
        }
        Checkpoint next;
        if (finished()) {
            next = Checkpoint.shardEnd();
        } else {
            List<Checkpoint.WindowState> windows = windows();
            if (lastDone == null) {
                next = saved.withWindows(windows);
            } else {
                next = Checkpoint.after(lastDone, windows);
            }
        }
        return same(next, saved) ? null : next;
    }

    void saved(Checkpoint checkpoint) {
        saved = checkpoint;
    }

    boolean finished() {
        if (!ended || !order.isEmpty()) {
            return false;
        }
        for (Slice slice : slices) {
            if (!slice.idle()) {
                return false;
            }
        }
        return true;
    }

    private List<Checkpoint.WindowState> windows() {
        List<Checkpoint.WindowState> out = new ArrayList<>();
        for (Slice slice : slices) {
            Slice.OpenWindow window = slice.window;
            if (window != null && !window.terminatedEarly) {
                try {
                    out.add(new Checkpoint.WindowState(slice.index, window.start, JSON.writeValueAsBytes(
                            window.state)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    private static boolean same(Checkpoint a, Checkpoint b) {
        return Arrays.equals(CheckpointCodec.encode(a), CheckpointCodec.encode(b));
    }

    private static JsonNode readState(byte[] state) {
        try {
            return JSON.readTree(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        source.close();
    }
}
