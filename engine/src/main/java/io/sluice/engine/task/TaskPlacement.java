package io.sluice.engine.task;

/**
 * Which node runs which background task. On one node every task runs here ({@link #ALL}); in cluster mode the
 * nodes share the tasks out through Kafka's group membership, and a task moves when its node leaves or dies.
 * The {@link TaskRunner} steps a task only while {@link #owns} says so, checkpoints it when it moves away, and
 * is woken by the listener when the placement changes.
 *
 * <p><b>Threading</b>: implementations are thread-safe; {@link #owns} is cheap and called before every step.
 * Listeners run on the placement's own thread and must not block.
 */
public interface TaskPlacement {

    /** Every task runs on this node. */
    TaskPlacement ALL = new TaskPlacement() {
        @Override
        public boolean owns(TaskId id) {
            return true;
        }

        @Override
        public void onChange(Runnable listener) {
        }
    };

    /** Whether this node should run the task now. */
    boolean owns(TaskId id);

    /** Registers a listener called after the tasks this node owns have changed. */
    void onChange(Runnable listener);
}
