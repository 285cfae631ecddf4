package io.sluice.firehose;

import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskId;
import io.sluice.engine.task.TaskRunner;

/**
 * Where the engine's background tasks (one delivery worker per delivery stream, and the deletions) run: on a
 * {@link TaskRunner} in a server, or stepped by hand in a test with a manual clock ({@link SteppedTasks}).
 *
 * <p><b>Threading</b>: implementations are thread-safe.
 */
interface TaskHost {

    void start(Task task);

    /** Waits until the task has finished its step, checkpointed and closed; no-op if unknown. */
    void stop(TaskId id);

    /** Asks the task to step soon (records arrived, its configuration changed). */
    void wake(TaskId id);

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
