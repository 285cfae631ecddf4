package io.sluice.server.http;

/**
 * Counts requests being served, so that a graceful stop can wait for them, and tells long-lived (streamed)
 * responses that a stop has begun so that they end. Thread-safe.
 */
public final class InFlight {

    private int count;
    private volatile boolean stopping;

    boolean stopping() {
        return stopping;
    }

    synchronized void begin() {
        count++;
    }

    synchronized void end() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    /** Marks the stop, then waits until no request is in flight or the time is up; returns whether none is. */
    public synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (count > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
