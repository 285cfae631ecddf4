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
 * <p>A started task is stepped only while the {@link TaskPlacement} says this node {@linkplain TaskPlacement#owns
 * owns} it, asked before every step. When ownership moves away the runner finishes the current step, checkpoints
 * the task once and parks it ({@link TaskState#PLACED_ELSEWHERE}) until the placement's listener or {@link #stop}
 * wakes it; it never checkpoints a task it does not own, since another node may have moved the task on. When
 * ownership comes back it calls {@link Task#resume()} before the next step. A task stopped while placed elsewhere
 * is closed without a checkpoint.
 *
 * <p><b>Threading</b>: thread-safe. {@link #start}, {@link #stop}, {@link #wake} and {@link #statuses} from any
 * thread; {@link #stop} and {@link #close} wait for the task's thread to finish its step and checkpoint.
 */
public final class TaskRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final Clock clock;
    private final long idleNanos;
    private final long checkpointMillis;
    private final TaskPlacement placement;
    private final Map<TaskId, Running> running = new ConcurrentHashMap<>();

    /**
     * A runner that runs every task it is given ({@link TaskPlacement#ALL}): the single-node case.
     *
     * @param idle       how long a task waits after a step that did no work (or failed), unless woken
     * @param checkpoint how often a running task checkpoints
     */
    public TaskRunner(Clock clock, Duration idle, Duration checkpoint) {
        this(clock, idle, checkpoint, TaskPlacement.ALL);
    }

    /**
     * A runner that steps a task only while the placement gives it to this node.
     *
     * @param idle       how long a task waits after a step that did no work (or failed), unless woken
     * @param checkpoint how often a running task checkpoints
     * @param placement  which tasks this node runs; its listener wakes every task to look again
     */
    public TaskRunner(Clock clock, Duration idle, Duration checkpoint, TaskPlacement placement) {
        this.clock = clock;
        this.idleNanos = idle.toNanos();
        this.checkpointMillis = checkpoint.toMillis();
        this.placement = placement;
        placement.onChange(this::wakeAll);
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

    /** Called on the placement's thread: only unparks, so it never blocks it. */
    private void wakeAll() {
        for (Running r : running.values()) {
            Thread thread = r.thread;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
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
        boolean here = false; // resumed on this node and not yet checkpointed away
        long nextCheckpoint = 0;
        while (r.state.get() != TaskState.STOPPING) {
            if (!placement.owns(task.id())) {
                if (here) {
                    checkpoint(task);
                    here = false;
                    LOG.info("task {} moved to another node; checkpointed and parked", task.id());
                }
                moveTo(r, TaskState.PLACED_ELSEWHERE);
                if (r.state.get() != TaskState.STOPPING) {
                    LockSupport.park(this);
                }
                continue;
            }
            if (!here) {
                if (!resume(r)) {
                    LockSupport.parkNanos(this, idleNanos);
                    continue;
                }
                here = true;
                nextCheckpoint = clock.millis() + checkpointMillis;
                moveTo(r, TaskState.RUNNING);
            }
            int work;
            try {
                work = task.doWork();
                r.lastError = null;
            } catch (Exception | LinkageError | AssertionError e) {
                work = 0;
                failed(r, "failed a step", e);
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
        if (here) {
            checkpoint(task);
        }
        try {
            task.onClose();
        } catch (RuntimeException e) {
            LOG.warn("task {} did not close cleanly", task.id(), e);
        }
        r.state.set(TaskState.STOPPED);
    }

    /** Sets the task's state unless it is being stopped, which only {@link #stop} decides. */
    private static void moveTo(Running r, TaskState next) {
        r.state.getAndUpdate(s -> s == TaskState.STOPPING ? s : next);
    }

    private static boolean resume(Running r) {
        try {
            r.task.resume();
            r.lastError = null;
            return true;
        } catch (Exception | LinkageError | AssertionError e) {
            failed(r, "could not resume", e);
            return false;
        }
    }

    private static void failed(Running r, String what, Throwable e) {
        r.failures++;
        r.lastError = String.valueOf(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        LOG.warn("task {} {} (failure {}); it will try again", r.task.id(), what, r.failures, e);
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
