package io.sluice.engine;

import io.sluice.engine.store.ShardLogHandle;
import io.sluice.engine.store.ShardLogStore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lets resharding close shards without losing a put that was routed to them. Puts route and enqueue their
 * appends under the read lock; a reshard swaps the metadata under the write lock, so every put either saw the old
 * shards and has finished enqueueing (it held the read lock), or sees the new ones and never appends to a closed
 * shard. After that, {@link #drain} queues a {@link ShardLogStore#barrier} behind everything enqueued to the closed
 * shard's log and waits for it: since the store commits one log's appends in queue order, the log's end is then
 * final, and the shard can be sealed there.
 *
 * <p>The ordering is the store's guarantee, not a convention of callers: an earlier version remembered the last
 * append's future per shard, and two puts under the (shared) read lock could record theirs out of queue order, so
 * the reshard waited for the wrong one and sealed the shard before an acknowledged record.
 *
 * <p>One gate per stream. Thread-safe.
 */
final class WriteGate {

    /** Where a shard's appends go. */
    private record Target(ShardLogStore store, ShardLogHandle log) {
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    // set once per shard index, before its first append, by a put holding the read lock
    private final Map<Integer, Target> targets = new ConcurrentHashMap<>();

    void enterPut() {
        lock.readLock().lock();
    }

    void exitPut() {
        lock.readLock().unlock();
    }

    void enterReshard() {
        lock.writeLock().lock();
    }

    void exitReshard() {
        lock.writeLock().unlock();
    }

    /** Names the log a put is about to append to for the shard; called under the read lock, before enqueueing. */
    void appending(int shardIndex, ShardLogStore store, ShardLogHandle log) {
        targets.putIfAbsent(shardIndex, new Target(store, log));
    }

    /**
     * Waits until every append enqueued to the shard before now has completed (or failed). Call it after the
     * reshard that closed the shard has released the write lock: no put can append to the shard any more, so the
     * log's {@link ShardLogHandle#endOffset()} is final when this returns.
     */
    void drain(int shardIndex) {
        Target target = targets.remove(shardIndex);
        if (target != null) {
            target.store().barrier(target.log()).handle((end, failed) -> null).join();
        }
    }
}
