package io.sluice.agent.send;

import java.time.Duration;
import java.util.Deque;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The agent's sending threads, {@code maxSendingThreads} at most, started only when a batch is queued and no thread
 * is free, and ended after {@code idleTimeout} without work. A free thread is woken last-in first-out, so that at a
 * low rate one thread does the work and the others end: an agent shipping 1,000 lines/s keeps one or two threads
 * instead of 24 (each costs its stack and its share of the C library's heap). Batches queue without bound; each flow
 * bounds its own with its publish queue.
 *
 * <p>Thread-safe. A thread parks only after it has put itself on the free stack and seen the queue empty, and the
 * submitter queues before it pops a free thread, so no batch waits while a thread sleeps; a thread that leaves
 * looks at the queue once more after it has left the count.
 */
public final class SendingThreads implements Executor {

    private final int max;
    private final long idleNanos;
    private final String namePrefix;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Deque<Thread> free = new ConcurrentLinkedDeque<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger names = new AtomicInteger();
    private volatile boolean stopped;

    public SendingThreads(int max, Duration idleTimeout, String namePrefix) {
        this.max = Math.max(1, max);
        this.idleNanos = idleTimeout.toNanos();
        this.namePrefix = namePrefix;
    }

    @Override
    public void execute(Runnable task) {
        if (stopped) {
            throw new RejectedExecutionException("the sending threads are stopped");
        }
        tasks.add(task);
        Thread thread = free.pollFirst();
        if (thread != null) {
            LockSupport.unpark(thread);
        } else {
            startOne();
        }
    }

    /** Threads alive now. */
    public int threads() {
        return running.get();
    }

    /** Threads waiting for work now. */
    int freeThreads() {
        return free.size();
    }

    /** Drops the queued batches and interrupts the running ones; nothing more is accepted. */
    public void shutdownNow() {
        stopped = true;
        tasks.clear();
        threads.forEach(Thread::interrupt);
    }

    /** Waits up to {@code timeout} for the threads to end after {@link #shutdownNow}; whether they all did. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                return threads.isEmpty();
            }
        }
        return true;
    }

    private void startOne() {
        int now;
        do {
            now = running.get();
            if (now >= max || stopped) {
                return;
            }
        } while (!running.compareAndSet(now, now + 1));
        Thread thread = Thread.ofPlatform().daemon().name(namePrefix + names.getAndIncrement()).unstarted(this::work);
        threads.add(thread);
        thread.start();
    }

    private void work() {
        Thread me = Thread.currentThread();
        try {
            long idleSince = System.nanoTime();
            while (!stopped) {
                Runnable task = tasks.poll();
                if (task != null) {
                    task.run();
                    Thread.interrupted(); // an interrupt ends the task it was meant for, not the thread
                    idleSince = System.nanoTime();
                    continue;
                }
                free.addFirst(me);
                if (!tasks.isEmpty() || stopped) {
                    free.remove(me);
                    continue;
                }
                LockSupport.parkNanos(this, idleNanos - (System.nanoTime() - idleSince));
                // still on the stack: nobody handed work over (a timeout, or a wake-up for nothing)
                if (free.remove(me) && tasks.isEmpty() && System.nanoTime() - idleSince >= idleNanos) {
                    return;
                }
            }
        } finally {
            free.remove(me);
            threads.remove(me);
            running.decrementAndGet();
            if (!stopped && !tasks.isEmpty()) {
                startOne();
            }
        }
    }
}
