package io.sluice.analytics.host;

import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskId;
import io.sluice.engine.task.TaskRunner;

/**
 * Where application tasks run: the server's {@link TaskRunner}, or a test's hand that steps them with a manual
 * clock.
 *
 * <p><b>Threading</b>: implementations are thread-safe.
 */
public interface TaskHost {

    void start(Task task);

    /** Waits until the task has finished its step, checkpointed and closed; no-op if unknown. */
    void stop(TaskId id);

    /** Asks for the task's next step now rather than after its idle wait (new input arrived); any thread. */
    default void wake(TaskId id) {
    }

    static TaskHost on(TaskRunner runner) {
        return new TaskHost() {
            @Override
            public void start(Task task) {
                runner.start(task);
            }

            @Override
            public void stop(TaskId id) {
                runner.stop(id);
            }

            @Override
            public void wake(TaskId id) {
                runner.wake(id);
            }
        };
    }
}
