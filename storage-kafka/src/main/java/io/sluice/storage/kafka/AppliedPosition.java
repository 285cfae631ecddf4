package io.sluice.storage.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How far the metadata applier has got in the topic (the offset it reads next: every record before it is applied
 * or was skipped as aborted), and the futures waiting for it to get somewhere.
 *
 * <p>Futures complete on the thread that calls {@link #advance} or {@link #fail} (the applier's): whoever chains
 * work on them must move it to another thread, so that the applier never runs it.
 *
 * <p><b>Threading</b>: thread-safe; one {@link ReentrantLock} guards the position and the waiters, and futures
 * complete after it is released.
 */
final class AppliedPosition {

    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<Long, List<CompletableFuture<Void>>> waiting = new TreeMap<>(); // guarded by lock
    private long position; // guarded by lock
    private Throwable failure; // guarded by lock

    /** Completes once the position is at least {@code offset}; fails if the applier stops first. */
    CompletableFuture<Void> reached(long offset) {
        lock.lock();
        try {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (position >= offset) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> future = new CompletableFuture<>();
            waiting.computeIfAbsent(offset, o -> new ArrayList<>()).add(future);
            return future;
        } finally {
            lock.unlock();
        }
    }

    /** The applier has applied everything before {@code next}. */
    void advance(long next) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        lock.lock();
        try {
            if (next <= position) {
                return;
            }
            position = next;
            Map<Long, List<CompletableFuture<Void>>> reached = waiting.headMap(next, true);
            reached.values().forEach(done::addAll);
            reached.clear();
        } finally {
            lock.unlock();
        }
        done.forEach(future -> future.complete(null));
    }

    /** The applier stopped: every waiter, now and later, fails with {@code cause}. The first cause stays. */
    void fail(Throwable cause) {
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        Throwable first;
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            first = failure;
            waiting.values().forEach(failed::addAll);
            waiting.clear();
        } finally {
            lock.unlock();
        }
        failed.forEach(future -> future.completeExceptionally(first));
    }

    long position() {
        lock.lock();
        try {
            return position;
        } finally {
            lock.unlock();
        }
    }
}
