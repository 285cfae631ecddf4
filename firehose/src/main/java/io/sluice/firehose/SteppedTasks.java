package io.sluice.firehose;

import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tasks that move only when {@link #stepAll} is called, in the calling thread, as a TaskRunner would step them
 * (a failed step is logged and the task stays; stop checkpoints and closes), so that a test with a manual clock
 * decides exactly when delivery happens.
 *
 * <p><b>Threading</b>: thread-safe; {@link #stepAll} from one thread at a time.
 */
final class SteppedTasks implements TaskHost {

    private static final Logger LOG = LoggerFactory.getLogger(SteppedTasks.class);

    private final List<Task> tasks = new CopyOnWriteArrayList<>();

    @Override
    public void start(Task task) {
        if (tasks.stream().anyMatch(t -> t.id().equals(task.id()))) {
            throw new IllegalStateException("task " + task.id() + " is already running");
        }
        tasks.add(task);
    }

    @Override
    public void stop(TaskId id) {
        for (Task task : tasks) {
            if (task.id().equals(id) && tasks.remove(task)) {
                try {
                    task.checkpoint();
                } catch (Exception e) {
                    LOG.warn("task {} could not checkpoint", id, e);
                }
                task.onClose();
            }
        }
    }

    @Override
    public void wake(TaskId id) {
        // nothing moves until the next stepAll
    }

    /** One step of every task, in the order they were started; a task stopped by an earlier one is skipped. */
    void stepAll() {
        for (Task task : tasks) {
            if (!tasks.contains(task)) {
                continue;
            }
            try {
                task.doWork();
            } catch (Exception e) {
                LOG.warn("task {} failed a step", task.id(), e);
            }
        }
    }
}
