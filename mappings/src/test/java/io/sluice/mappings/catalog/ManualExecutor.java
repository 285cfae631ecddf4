package io.sluice.mappings.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** An executor that runs nothing until the test says so, so a transitional state can be seen. */
final class ManualExecutor implements Executor {

    private final ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
        queued.add(task);
    }

    /** Runs every queued task (and those they queue). */
    void runAll() {
        Runnable task;
        while ((task = queued.poll()) != null) {
            task.run();
        }
    }

    /** Drops the queued tasks, as a crash would. */
    List<Runnable> drop() {
        List<Runnable> dropped = new ArrayList<>(queued);
        queued.clear();
        return dropped;
    }
}
