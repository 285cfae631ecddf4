package io.sluice.engine;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lets resharding close shards without losing a put that was routed to them. Puts route and enqueue their
 * appends under the read lock; a reshard swaps the metadata under the write lock, so every put either saw the
 * old shards and is already enqueued, or sees the new ones. The reshard then waits for the last append enqueued
 * to each closed shard before it fixes that shard's end. One gate per stream; thread-safe.
 */
final class WriteGate {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Integer, CompletableFuture<?>> lastAppend = new ConcurrentHashMap<>();

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

    /** Remembers the newest append to a shard; called under the read lock, so appends to one shard are ordered. */
    void appended(int shardIndex, CompletableFuture<?> append) {
        lastAppend.put(shardIndex, append);
    }

    /** Waits until every append enqueued to the shard before the last reshard has completed (or failed). */
    void drain(int shardIndex) {
        CompletableFuture<?> last = lastAppend.remove(shardIndex);
        if (last != null) {
            last.handle((ok, failed) -> null).join();
        }
    }
}
