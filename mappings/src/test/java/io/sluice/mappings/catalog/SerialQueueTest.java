package io.sluice.mappings.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class SerialQueueTest {

    private final ManualExecutor executor = new ManualExecutor();
    private final SerialQueue queue = new SerialQueue(executor);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void tasksRunInTheOrderSubmittedOnlyOnTheExecutor() {
        queue.submit(() -> ran.add("a"));
        queue.submit(() -> ran.add("b"));
        assertThat(ran).isEmpty();

        executor.runAll();

        assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void aTaskSubmittedByARunningTaskRunsAfterIt() {
        queue.submit(() -> {
            queue.submit(() -> ran.add("inner"));
            ran.add("outer");
        });

        executor.runAll();

        assertThat(ran).containsExactly("outer", "inner");
    }

    @Test
    void aFailingTaskDoesNotStopTheNext() {
        queue.submit(() -> {
            throw new IllegalStateException("runtime failed");
        });
        queue.submit(() -> ran.add("next"));

        executor.runAll();

        assertThat(ran).containsExactly("next");
    }

    @Test
    void tasksSubmittedAfterADrainGetANewOne() {
        queue.submit(() -> ran.add("first"));
        executor.runAll();
        queue.submit(() -> ran.add("second"));

        executor.runAll();

        assertThat(ran).containsExactly("first", "second");
    }
}
