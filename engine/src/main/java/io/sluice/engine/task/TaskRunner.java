package io.sluice.engine.task;

import io.sluice.common.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs background {@link Task}s on this node: each on its own virtual thread, stepping {@link Task#doWork()} in a
 * loop, parking for the idle period when a step did nothing or failed, and checkpointing every checkpoint period
 * and once more at stop. This is the seam through which every kind of background work runs, so that the cluster
 * mode can decide which node starts which task; on a single node every task is started here.
 *
 * <p>A failed step is logged with its cause and counted in the task's {@link TaskStatus}; the task stays
 * running, since retrying is its own business (a delivery stream backs off, a scaler tries at its next step).
 *
 * <p><b>Threading</b>: thread-safe. {@link #start}, {@link #stop}, {@link #wake} and {@link #statuses} from any
 * thread; {@link #stop} and {@link #close} wait for the task's thread to finish its step and checkpoint.
 */
public final class TaskRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final Clock clock;
    private final long idleNanos;
    private final long checkpointMillis;
    private final Map<TaskId, Running> running = new ConcurrentHashMap<>();

    /**
     * @param idle       how long a task waits after a step that did no work (or failed), unless woken
     * @param checkpoint how often a running task checkpoints
     */
    public TaskRunner(Clock clock, Duration idle, Duration checkpoint) {
        this.clock = clock;
        this.idleNanos = idle.toNanos();
        this.checkpointMillis = checkpoint.toMillis();
    }

    /** Starts stepping the task on a thread of its own; a task with the same id must not be running. */
    public void start(Task task) {
        Running r = new Running(task);
        if (running.putIfAbsent(task.id(), r) != null) {
            throw new IllegalStateException("task " + task.id() + " is already running");
        }
        r.thread = Thread.ofVirtual().name("task-" + task.id()).unstarted(() -> loop(r));
        r.thread.start();
    }

    /** Asks the task to stop and waits until it has finished its step, checkpointed and closed. No-op if unknown. */
    public void stop(TaskId id) {
        Running r = running.get(id);
        if (r == null) {
            return;
        }
        r.state.set(TaskState.STOPPING);
        LockSupport.unpark(r.thread);
        boolean interrupted = false;
        while (true) {
            try {
                r.thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        running.remove(id, r);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the task's idle wait now (new records arrived, say); no-op if the task is not running. */
    public void wake(TaskId id) {
        Running r = running.get(id);
        if (r != null && r.thread != null) {
            LockSupport.unpark(r.thread);
        }
    }

    public boolean isRunning(TaskId id) {
        return running.containsKey(id);
    }

    public List<TaskStatus> statuses() {
        List<TaskStatus> statuses = new ArrayList<>(running.size());
        for (Running r : running.values()) {
            statuses.add(new TaskStatus(r.task.id(), r.state.get(), r.lastWorkMillis, r.failures, r.lastError));
        }
        return statuses;
    }

    /** Stops every task, each after its current step and a last checkpoint. */
    @Override
    public void close() {
        for (Running r : running.values()) {
            r.state.set(TaskState.STOPPING);
            LockSupport.unpark(r.thread);
        }
        for (TaskId id : List.copyOf(running.keySet())) {
            stop(id);
        }
    }

    private void loop(Running r) {
        Task task = r.task;
        long nextCheckpoint = clock.millis() + checkpointMillis;
        r.state.compareAndSet(TaskState.STARTING, TaskState.RUNNING);
        while (r.state.get() != TaskState.STOPPING) {
            int work;
            try {
                work = task.doWork();
                r.lastError = null;
            } catch (Exception | LinkageError | AssertionError e) {
                work = 0;
                r.failures++;
                r.lastError = String.valueOf(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
                LOG.warn("task {} failed a step (failure {}); it will try again", task.id(), r.failures, e);
            }
            long now = clock.millis();
            if (work > 0) {
                r.lastWorkMillis = now;
            }
            if (now >= nextCheckpoint) {
                checkpoint(task);
                nextCheckpoint = now + checkpointMillis;
            }
            if (work == 0 && r.state.get() != TaskState.STOPPING) {
                LockSupport.parkNanos(this, idleNanos);
            }
        }
        checkpoint(task);
        try {
            task.onClose();
        } catch (RuntimeException e) {
            LOG.warn("task {} did not close cleanly", task.id(), e);
        }
        r.state.set(TaskState.STOPPED);
    }

    private static void checkpoint(Task task) {
        try {
            task.checkpoint();
        } catch (Exception e) {
            LOG.warn("task {} could not checkpoint; it keeps its progress in memory and tries again", task.id(), e);
        }
    }

    /** A task and what the runner knows of it; fields written by the task's thread, read by any. */
    private static final class Running {
        final Task task;
        volatile Thread thread;
        final AtomicReference<TaskState> state = new AtomicReference<>(TaskState.STARTING);
        volatile long lastWorkMillis;
        volatile long failures;
        volatile String lastError;

        Running(Task task) {
            this.task = task;
        }
    }
}
