package io.sluice.analytics.host;

import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskId;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tasks that move only when the test steps them, as a TaskRunner owning every task would: resumed before their
 * first step, checkpointed and closed at stop.
 */
final class SteppedTasks implements TaskHost {

    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private final Set<Task> resumed = ConcurrentHashMap.newKeySet();
    final List<TaskId> woken = new CopyOnWriteArrayList<>();

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

    /** One step of every task (resumed first if it never was); a failing step fails the test. */
    void step() {
        for (Task task : tasks) {
            try {
                if (resumed.add(task)) {
                    task.resume();
                }
                task.doWork();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    int count() {
        return tasks.size();
    }
}
