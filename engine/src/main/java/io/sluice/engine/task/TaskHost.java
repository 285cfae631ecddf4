package io.sluice.engine.task;

/**
 * Where a component's background tasks (Firehose's delivery workers and deletions, analytics applications) run:
 * on a {@link TaskRunner} in a server, or stepped by hand in a test with a manual clock.
 *
 * <p><b>Threading</b>: implementations are thread-safe.
 */
public interface TaskHost {

    void start(Task task);

    /** Waits until the task has finished its step, checkpointed and closed; no-op if unknown. */
    void stop(TaskId id);

    /** Asks the task to step soon rather than after its idle wait (records arrived, its configuration changed). */
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
