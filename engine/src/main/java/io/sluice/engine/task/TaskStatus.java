package io.sluice.engine.task;

/**
 * A snapshot of one task for operators (the console, logs): its state, when its last step did work, and the
 * last failure a step reported (null when its newest step succeeded). A task started here but placed on
 * another node shows {@link TaskState#PLACED_ELSEWHERE}.
 *
 * @param lastWorkMillis clock time of the last step that returned work done, or 0 if none has
 */
public record TaskStatus(TaskId id, TaskState state, long lastWorkMillis, long failures, String lastError) {
}
