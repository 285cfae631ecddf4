package io.sluice.engine;

import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskRunner;

import java.util.List;

/**
 * The engine's time-driven upkeep, as {@link Task}s for whoever owns the {@link TaskRunner} to start: finishing
 * deletions (the only status change that needs work; CREATING and UPDATING end by the clock alone), on-demand
 * scaling, and retention. Each reads only the injected clock, so tests step them by hand with a manual clock.
 * Today each covers every stream of the node; the cluster mode may later split them per stream.
 *
 * <p>Threading: the tasks are confined to the threads that step them; this holder is immutable.
 */
public final class Maintenance {

    /** The resource of a task that covers every stream on the node. */
    static final String ALL_STREAMS = "all-streams";

    private final DeletionTask deletions;
    private final ScalingTask scaling;
    private final RetentionTask retention;

    Maintenance(DeletionTask deletions, ScalingTask scaling, RetentionTask retention) {
        this.deletions = deletions;
        this.scaling = scaling;
        this.retention = retention;
    }

    /** Removes streams and consumers whose DELETING period is over, and ended subscriptions. */
    public Task deletions() {
        return deletions;
    }

    /** Reshards ON_DEMAND streams to their load. */
    public Task scaling() {
        return scaling;
    }

    /** Drops segments past their stream's retention period. */
    public Task retention() {
        return retention;
    }

    /** Every maintenance task, to start on a {@link TaskRunner}. */
    public List<Task> tasks() {
        return List.of(deletions, scaling, retention);
    }
}
