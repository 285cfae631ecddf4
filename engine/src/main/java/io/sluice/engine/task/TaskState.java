package io.sluice.engine.task;

/** Where a task is in its life on this node. */
public enum TaskState {
    /** Registered; its thread has not run a step yet. */
    STARTING,
    /** Stepping. A step that failed leaves it running (the task retries); {@link TaskStatus#lastError} says why. */
    RUNNING,
    /**
     * Started here, but the {@link TaskPlacement} gives it to another node: checkpointed (if it ran here) and parked
     * until it comes back or is stopped.
     */
    PLACED_ELSEWHERE,
    /** Asked to stop; finishing its current step and its last checkpoint. */
    STOPPING,
    /** Checkpointed and closed; its thread has ended. */
    STOPPED
}
