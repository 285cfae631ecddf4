package io.sluice.mappings.poll;

import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskId;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Tasks stepped by hand, as a TaskRunner would (resume before the first step, checkpoint and close at stop). */
final class SteppedHost implements TaskHost {

    private final Map<TaskId, Task> tasks = new ConcurrentHashMap<>();
    private final Map<TaskId, Boolean> resumed = new ConcurrentHashMap<>();
    final AtomicInteger wakes = new AtomicInteger();

    @Override
    public void start(Task task) {
        if (tasks.putIfAbsent(task.id(), task) != null) {
            throw new IllegalStateException("task " + task.id() + " is already running");
        }
    }

    @Override
    public void stop(TaskId id) {
        Task task = tasks.remove(id);
        if (task != null) {
            try {
                task.checkpoint();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            task.onClose();
            resumed.remove(id);
        }
    }

    @Override
    public void wake(TaskId id) {
        wakes.incrementAndGet();
    }

    /** One step of every task; returns the work they reported. A failed step fails the test. */
    int step() {
        int work = 0;
        for (Task task : tasks.values()) {
            try {
                if (resumed.putIfAbsent(task.id(), true) == null) {
                    task.resume();
                }
                work += task.doWork();
            } catch (Exception e) {
                throw new AssertionError("task " + task.id() + " failed a step", e);
            }
        }
        return work;
    }

    boolean running(TaskId id) {
        return tasks.containsKey(id);
    }

    void stopAll() {
        tasks.keySet().forEach(this::stop);
    }
}
