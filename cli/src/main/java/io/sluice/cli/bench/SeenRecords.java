package io.sluice.cli.bench;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sequence numbers of this run's records that consumers have read, to tell a first read from a duplicate
 * (one bit per record: 12 MB for 100 million). Thread-safe: consumers of several event loops share it under one
 * lock, cheap next to the parsing of each record (a {@link ReentrantLock}, which never pins a virtual thread).
 */
final class SeenRecords {

    /** BitSet indexes are ints: longer runs spill into further sets. */
    private static final int BITS_PER_SET = 1 << 30;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, BitSet> sets = new HashMap<>();

    /** Marks {@code sequence} read; true when it had not been read before. */
    boolean firstTime(long sequence) {
        int bit = (int) (sequence % BITS_PER_SET);
        lock.lock();
        try {
            BitSet set = sets.computeIfAbsent(sequence / BITS_PER_SET, k -> new BitSet());
            if (set.get(bit)) {
                return false;
            }
            set.set(bit);
            return true;
        } finally {
            lock.unlock();
        }
    }
}
