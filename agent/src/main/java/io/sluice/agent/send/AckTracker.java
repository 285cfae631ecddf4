package io.sluice.agent.send;

import io.sluice.agent.tail.FlowSource;
import io.sluice.agent.tail.TailPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Acknowledges a flow's batches to its source only as a contiguous prefix: batches are registered in the order
 * their records were read and complete in any order (they are sent in parallel), and the source hears of a batch
 * only once every batch before it has completed too. A checkpoint therefore never passes a record not yet sent.
 *
 * <p>Thread-safe: the reader registers, senders complete. Acknowledgements reach the source one at a time and
 * in order (one sender at a time writes, always the newest prefix). A checkpoint that cannot be written is logged
 * with its cause; the next completion writes a later one.
 */
public final class AckTracker {

    private static final Logger LOG = LoggerFactory.getLogger(AckTracker.class);

    private final FlowSource source;
    private final String flowId;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, TailPosition> pending = new HashMap<>();
    private final Map<Long, Boolean> completed = new HashMap<>();
    private long nextToRegister;
    private long nextToAcknowledge;
    private final AtomicReference<TailPosition> newest = new AtomicReference<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    public AckTracker(FlowSource source, String flowId) {
        this.source = source;
        this.flowId = flowId;
    }

    /** A batch that ends at {@code last}; returns its sequence number for {@link #complete}. */
    public long register(TailPosition last) {
        lock.lock();
        try {
            long sequence = nextToRegister++;
            pending.put(sequence, last);
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The batch's records were all accepted (or dropped as invalid): acknowledges the prefix it may close. The
     * checkpoint write (durable, so slow) is group-committed: while one sender writes, the others only leave the
     * newer position for it, and it writes the newest position again before it returns.
     */
    public void complete(long sequence) {
        lock.lock();
        try {
            completed.put(sequence, Boolean.TRUE);
            TailPosition last = null;
            while (completed.remove(nextToAcknowledge) != null) {
                last = pending.remove(nextToAcknowledge);
                nextToAcknowledge++;
            }
            if (last != null) {
                // set under the lock, so the position left for the writer only ever moves forward
                newest.set(last);
            }
        } finally {
            lock.unlock();
        }
        while (newest.get() != null && writing.compareAndSet(false, true)) {
            try {
                TailPosition position;
                while ((position = newest.getAndSet(null)) != null) {
                    source.acknowledged(position);
                }
            } catch (IOException e) {
                LOG.error("flow {}: could not write its checkpoint; records may be sent again after a restart",
                        flowId, e);
            } finally {
                writing.set(false);
            }
        }
    }

    /** Batches registered and not yet acknowledged to the source. */
    public long unacknowledged() {
        lock.lock();
        try {
            return nextToRegister - nextToAcknowledge;
        } finally {
            lock.unlock();
        }
    }
}
