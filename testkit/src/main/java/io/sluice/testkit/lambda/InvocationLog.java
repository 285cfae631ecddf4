package io.sluice.testkit.lambda;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every invocation the server answered, in arrival order, with a wait for the asynchronous callers tests drive
 * (a poller). Thread-safe: one lock guards the list; waiters are signalled on each addition.
 */
final class InvocationLog {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final List<RecordedInvocation> invocations = new ArrayList<>();

    void add(RecordedInvocation invocation) {
        lock.lock();
        try {
            invocations.add(invocation);
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @param function a function's name, or null for all */
    List<RecordedInvocation> snapshot(String function) {
        lock.lock();
        try {
            return invocations.stream().filter(i -> function == null || i.function().equals(function)).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code count} invocations of the function arrived, or the timeout; returns them all. */
    List<RecordedInvocation> await(String function, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            List<RecordedInvocation> seen = snapshot(function);
            while (seen.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return seen;
                }
                added.awaitNanos(left);
                seen = snapshot(function);
            }
            return seen;
        } finally {
            lock.unlock();
        }
    }
}
