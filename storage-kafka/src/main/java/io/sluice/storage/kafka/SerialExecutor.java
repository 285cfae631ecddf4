package io.sluice.storage.kafka;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: one per shard log, so that a log's sends stay
 * in order while different logs' sends run in parallel, and a send blocked on the producer (no metadata, no
 * buffer space; at most {@code max.block.ms}) holds back only its own log and a pool thread, never a caller
 * (which may be a virtual thread the producer's monitor waits would pin).
 *
 * <p>Threading: thread-safe. A task rejected by the pool (the store is closing) is run with {@code onRejected}.
 */
final class SerialExecutor implements Executor {

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // the pool is shut down: run here so that every task still settles its batch
                drain();
            }
        }
    }

    private void drain() {
        try {
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run();
            }
        } finally {
            scheduled.set(false);
            schedule(); // a task added after the last poll and before the flag cleared
        }
    }
}
