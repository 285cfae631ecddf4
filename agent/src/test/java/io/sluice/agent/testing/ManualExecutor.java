package io.sluice.agent.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** Queues tasks until the test runs them, in any order it likes. */
public final class ManualExecutor implements Executor {

    public final List<Runnable> queued = new CopyOnWriteArrayList<>();

    @Override
    public void execute(Runnable task) {
        queued.add(task);
    }

    /** Runs the queued task at {@code index} (of those still queued). */
    public void run(int index) {
        queued.remove(index).run();
    }

    public void runAll() {
        while (!queued.isEmpty()) {
            run(0);
        }
    }
}
