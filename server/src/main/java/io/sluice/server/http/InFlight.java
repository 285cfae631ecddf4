package io.sluice.server.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts requests being served, so that a graceful stop can wait for them, and tells long-lived (streamed)
 * responses that a stop has begun so that they end. Thread-safe: the count is guarded by a lock whose condition
 * signals the waiting stop (a lock, not a monitor, so that virtual threads never pin a carrier here).
 */
public final class InFlight {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int count;
    private volatile boolean stopping;

    boolean stopping() {
        return stopping;
    }

    void begin() {
        lock.lock();
        try {
            count++;
        } finally {
            lock.unlock();
        }
    }

    void end() {
        lock.lock();
        try {
            count--;
            if (count == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Marks the stop, then waits until no request is in flight or the time is up; returns whether none is. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        stopping = true;
        long left = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (count > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
