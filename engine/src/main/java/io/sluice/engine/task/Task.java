package io.sluice.engine.task;

/**
 * One piece of background work (a delivery stream's worker, a stream's on-demand scaler, retention...) in the
 * shape of an Aeron agent: the {@link TaskRunner} calls {@link #doWork()} again and again from one thread, so
 * the task keeps its state without locks and a test can step it by hand. A step may block (network, disk): the
 * runner gives each task its own virtual thread, and nothing a task does runs under a monitor.
 *
 * <p><b>Threading</b>: every method is called from the task's own thread, never two at once.
 */
public interface Task {

    TaskId id();

    /**
     * Does one bounded step of work.
     *
     * @return how much work was done; 0 tells the runner the task is idle, and it waits before the next step
     * @throws Exception a failed step; the runner records it, backs off and calls again (the task decides what a
     *                   retry means)
     */
    int doWork() throws Exception;

    /**
     * Reloads the task's state from durable storage: another node may have moved the task on. The runner calls it
     * before the first step on this node and again before the first step after ownership comes back (see
     * {@link TaskPlacement}); a failure is counted like a failed step and the runner calls it again after its idle
     * wait, stepping only once it has succeeded.
     */
    default void resume() throws Exception {
    }

    /** Makes the progress so far durable, so that a restart (or another node) resumes from here. */
    default void checkpoint() throws Exception {
    }

    /** Releases what the task holds; called once, after its last step and checkpoint. */
    default void onClose() {
    }
}
