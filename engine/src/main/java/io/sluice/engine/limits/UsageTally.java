package io.sluice.engine.limits;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What this node took from one shard's budgets since the tally was last drained, for the {@link UsageExchange}.
 * Kept only when other nodes share the budgets; on one node there is none.
 *
 * <p>Thread-safe: each counter is an atomic, drained with {@code getAndSet(0)}, so usage added while a drain runs
 * is counted in this drain or the next, never lost or counted twice. The counters are not drained as one
 * snapshot, which does not matter: each is charged on its own.
 */
public final class UsageTally {

    private final AtomicLong writeBytes = new AtomicLong();
    private final AtomicLong writeRecords = new AtomicLong();
    private final AtomicLong readCalls = new AtomicLong();
    private final AtomicLong readBytes = new AtomicLong();

    /** Counts records admitted by a put. */
    public void wrote(long records, long bytes) {
        writeRecords.addAndGet(records);
        writeBytes.addAndGet(bytes);
    }

    /** Counts admitted GetRecords calls (none for a reader inside the server) and the bytes they returned. */
    public void read(long calls, long bytes) {
        readCalls.addAndGet(calls);
        readBytes.addAndGet(bytes);
    }

    /**
     * Takes what was counted since the last drain, as the usage of the named shard.
     *
     * @return the usage, or null if there was none
     */
    public ShardUsage drain(String account, String region, String stream, long streamCreatedAt, int shard) {
        if (writeRecords.get() == 0 && writeBytes.get() == 0 && readCalls.get() == 0 && readBytes.get() == 0) {
            return null;
        }
        ShardUsage usage = new ShardUsage(account, region, stream, streamCreatedAt, shard, writeBytes.getAndSet(0),
                writeRecords.getAndSet(0), readCalls.getAndSet(0), readBytes.getAndSet(0));
        return usage.isEmpty() ? null : usage;
    }
}
