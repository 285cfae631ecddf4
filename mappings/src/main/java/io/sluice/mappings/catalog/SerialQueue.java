package io.sluice.mappings.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the catalogue's work for the runtime (run, stop, forget, finishing a transition) one task at a time, in the
 * order submitted, on a given executor. Keeping that work off the callers' threads matters: the store's watcher
 * thread must never wait for a poller's step (the runtime's calls may), and an API call answers without waiting
 * for the runtime. Keeping it in order means a mapping's transition finishes only after this node's runtime was
 * told of the change. A task that throws is logged and the next one runs.
 *
 * <p><b>Threading</b>: thread-safe; {@link #submit} never blocks. At most one task runs at a time.
 */
final class SerialQueue {

    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);

    private final Executor executor;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    SerialQueue(Executor executor) {
        this.executor = executor;
    }

    void submit(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                LOG.warn("the executor refused the event source mappings' runtime work; {} tasks wait",
                        tasks.size(), e);
            }
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("event source mapping runtime work failed", e);
                }
            }
        } finally {
            draining.set(false);
        }
        // a task submitted between the last poll and the reset found draining set: pick it up
        schedule();
    }
}
