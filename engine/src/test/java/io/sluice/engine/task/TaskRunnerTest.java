package io.sluice.engine.task;

import io.sluice.common.Clock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskRunnerTest {

    private static final TaskId ID = new TaskId("test", "one");

    /** Counts steps and checkpoints; fails the steps it is told to. */
    private static final class CountingTask implements Task {
        final AtomicInteger steps = new AtomicInteger();
        final AtomicInteger checkpoints = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final CountDownLatch stepped;
        volatile int failUntil;

        CountingTask(int steps) {
            this.stepped = new CountDownLatch(steps);
        }

        @Override
        public TaskId id() {
            return ID;
        }

        @Override
        public int doWork() {
            int n = steps.incrementAndGet();
            stepped.countDown();
            if (n <= failUntil) {
                throw new IllegalStateException("endpoint down");
            }
            return 0;
        }

        @Override
        public void checkpoint() {
            checkpoints.incrementAndGet();
        }

        @Override
        public void onClose() {
            closes.incrementAndGet();
        }
    }

    @Test
    void aStoppedTaskCheckpointsAndClosesOnceAfterItsLastStep() throws Exception {
        CountingTask task = new CountingTask(3);
        try (TaskRunner runner = new TaskRunner(Clock.system(), Duration.ofMillis(1), Duration.ofHours(1))) {
            runner.start(task);
            assertTrue(task.stepped.await(5, TimeUnit.SECONDS));
            runner.stop(ID);
            int steps = task.steps.get();
            assertFalse(runner.isRunning(ID));
            assertEquals(1, task.checkpoints.get());
            assertEquals(1, task.closes.get());
            Thread.sleep(20);
            assertEquals(steps, task.steps.get(), "no step after stop returned");
        }
    }

    @Test
    void aFailingStepIsCountedAndTheTaskKeepsRunning() throws Exception {
        CountingTask task = new CountingTask(5);
        task.failUntil = 2;
        try (TaskRunner runner = new TaskRunner(Clock.system(), Duration.ofMillis(1), Duration.ofHours(1))) {
            runner.start(task);
            assertTrue(task.stepped.await(5, TimeUnit.SECONDS));
            TaskStatus status = runner.statuses().getFirst();
            assertEquals(TaskState.RUNNING, status.state());
            assertEquals(2, status.failures());
            assertEquals(null, status.lastError(), "a later successful step clears the error");
        }
    }

    @Test
    void wakeEndsTheIdleWait() throws Exception {
        CountingTask task = new CountingTask(2);
        try (TaskRunner runner = new TaskRunner(Clock.system(), Duration.ofHours(1), Duration.ofHours(1))) {
            runner.start(task);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (task.steps.get() < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            runner.wake(ID);
            assertTrue(task.stepped.await(5, TimeUnit.SECONDS), "a woken task steps again before its idle hour");
        }
    }

    @Test
    void theSameTaskCannotRunTwice() {
        try (TaskRunner runner = new TaskRunner(Clock.system(), Duration.ofMillis(1), Duration.ofHours(1))) {
            runner.start(new CountingTask(1));
            assertThrows(IllegalStateException.class, () -> runner.start(new CountingTask(1)));
        }
    }
}
