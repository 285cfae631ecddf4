package io.sluice.analytics.host;

import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskId;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tasks that move only when the test steps them, as a TaskRunner would: resumed before their first step on this
 * "node" and again when ownership comes back, stepped only while {@link #owns}, checkpointed once when ownership
 * moves away, and checkpointed (if here) and closed at stop.
 */
final class SteppedTasks implements TaskHost {

    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private final Set<Task> resumed = ConcurrentHashMap.newKeySet();
    final List<TaskId> woken = new CopyOnWriteArrayList<>();
    /** Whether this node owns the tasks (every task: the tests move one application at a time). */
    volatile boolean owns = true;

    @Override
    public void start(Task task) {
        tasks.add(task);
    }

    @Override
    public void stop(TaskId id) {
        for (Task task : tasks) {
            if (task.id().equals(id) && tasks.remove(task)) {
                try {
                    if (resumed.remove(task)) {
                        task.checkpoint();
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                task.onClose();
            }
        }
    }

    @Override
    public void wake(TaskId id) {
        woken.add(id);
    }

    /** One step of every task (resumed first if it was not here); a failing step fails the test. */
    void step() {
        for (Task task : tasks) {
            try {
                if (!owns) {
                    if (resumed.remove(task)) {
                        task.checkpoint();
                    }
                    continue;
                }
                if (resumed.add(task)) {
                    task.resume();
                }
                task.doWork();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Drops every task without a checkpoint or close: this node died. */
    void forget() {
        tasks.clear();
        resumed.clear();
    }

    int count() {
        return tasks.size();
    }
}
