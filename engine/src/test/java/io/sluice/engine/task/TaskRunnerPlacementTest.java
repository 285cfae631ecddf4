package io.sluice.engine.task;

import io.sluice.common.Clock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner against a placement the test moves by hand, the way a cluster's group membership would. */
class TaskRunnerPlacementTest {

    private static final TaskId ID = new TaskId("test", "placed");

    /** A placement the test drives: owns what it was given, fires its listeners on every change. */
    private static final class HandPlacement implements TaskPlacement {
        final Set<TaskId> owned = ConcurrentHashMap.newKeySet();
        final List<Runnable> listeners = new CopyOnWriteArrayList<>();
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public boolean owns(TaskId id) {
            asked.incrementAndGet();
            return owned.contains(id);
        }

        @Override
        public void onChange(Runnable listener) {
            listeners.add(listener);
        }

        void give(TaskId id) {
            owned.add(id);
            listeners.forEach(Runnable::run);
        }

        void take(TaskId id) {
            owned.remove(id);
            listeners.forEach(Runnable::run);
        }
    }

    /** Writes down, in order, every call the runner makes. */
    private static class RecordingTask implements Task {
        final Queue<String> calls = new ConcurrentLinkedQueue<>();

        @Override
        public TaskId id() {
            return ID;
        }

        @Override
        public void resume() {
            calls.add("resume");
        }

        @Override
        public int doWork() {
            calls.add("step");
            return 0;
        }

        @Override
        public void checkpoint() {
            calls.add("checkpoint");
        }

        @Override
        public void onClose() {
            calls.add("close");
        }

        long count(String call) {
            return calls.stream().filter(call::equals).count();
        }
    }

    private static TaskRunner runner(TaskPlacement placement) {
        return new TaskRunner(Clock.system(), Duration.ofMillis(1), Duration.ofHours(1), placement);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static TaskState state(TaskRunner runner) {
        return runner.statuses().getFirst().state();
    }

    /** Wakes the parked task and waits until it has asked the placement again, so any step it took is recorded. */
    private static void wakeAndLetItLook(TaskRunner runner, HandPlacement placement) {
        int asked = placement.asked.get();
        runner.wake(ID);
        await("the task asked the placement again", () -> placement.asked.get() > asked);
    }

    @Test
    void aTaskThisNodeDoesNotOwnIsNeitherResumedNorStepped() {
        HandPlacement placement = new HandPlacement();
        RecordingTask task = new RecordingTask();
        try (TaskRunner runner = runner(placement)) {
            runner.start(task);
            await("the task is parked", () -> state(runner) == TaskState.PLACED_ELSEWHERE);
            wakeAndLetItLook(runner, placement);
            wakeAndLetItLook(runner, placement);

            assertThat(task.calls).isEmpty();
            assertThat(state(runner)).isEqualTo(TaskState.PLACED_ELSEWHERE);
        }
    }

    @Test
    void aTaskOwnedFromTheStartResumesBeforeItsFirstStep() {
        HandPlacement placement = new HandPlacement();
        placement.give(ID);
        RecordingTask task = new RecordingTask();
        try (TaskRunner runner = runner(placement)) {
            runner.start(task);
            await("the task stepped", () -> task.count("step") >= 2);

            assertThat(task.calls.peek()).isEqualTo("resume");
            assertThat(task.count("resume")).isEqualTo(1);
            assertThat(state(runner)).isEqualTo(TaskState.RUNNING);
        }
    }

    @Test
    void losingOwnershipCheckpointsOnceAndStopsStepping() {
        HandPlacement placement = new HandPlacement();
        placement.give(ID);
        RecordingTask task = new RecordingTask();
        try (TaskRunner runner = runner(placement)) {
            runner.start(task);
            await("the task stepped", () -> task.count("step") >= 1);

            placement.take(ID);
            await("the task is parked", () -> state(runner) == TaskState.PLACED_ELSEWHERE);
            List<String> atLoss = List.copyOf(task.calls);
            wakeAndLetItLook(runner, placement);
            wakeAndLetItLook(runner, placement);

            assertThat(atLoss).last().isEqualTo("checkpoint");
            assertThat(task.count("checkpoint")).isEqualTo(1);
            assertThat(List.copyOf(task.calls)).as("nothing after the checkpoint").isEqualTo(atLoss);
        }
    }

    @Test
    void regainingOwnershipResumesAndStepsAgainWithoutAWake() {
        HandPlacement placement = new HandPlacement();
        placement.give(ID);
        RecordingTask task = new RecordingTask();
        try (TaskRunner runner = runner(placement)) {
            runner.start(task);
            await("the task stepped", () -> task.count("step") >= 1);
            placement.take(ID);
            await("the task is parked", () -> state(runner) == TaskState.PLACED_ELSEWHERE);
            int before = task.calls.size();

            placement.give(ID);
            await("the task steps again", () -> task.calls.stream().skip(before).anyMatch("step"::equals));

            List<String> afterRegain = task.calls.stream().skip(before).toList();
            assertThat(afterRegain.getFirst()).isEqualTo("resume");
            assertThat(afterRegain).containsOnlyOnce("resume");
            assertThat(state(runner)).isEqualTo(TaskState.RUNNING);
        }
    }

    @Test
    void aResumeThatFailsIsRetriedAndNoStepRunsBeforeItSucceeds() {
        HandPlacement placement = new HandPlacement();
        placement.give(ID);
        AtomicInteger resumes = new AtomicInteger();
        RecordingTask task = new RecordingTask() {
            @Override
            public void resume() {
                super.resume();
                if (resumes.incrementAndGet() <= 2) {
                    throw new IllegalStateException("metadata unreachable");
                }
            }
        };
        try (TaskRunner runner = runner(placement)) {
            runner.start(task);
            await("the task stepped", () -> task.count("step") >= 1);

            assertThat(List.copyOf(task.calls)).startsWith("resume", "resume", "resume", "step");
            assertThat(runner.statuses().getFirst().failures()).isEqualTo(2);
        }
    }

    @Test
    void aTaskStoppedWhileOwnedElsewhereClosesWithoutACheckpoint() {
        HandPlacement placement = new HandPlacement();
        RecordingTask task = new RecordingTask();
        try (TaskRunner runner = runner(placement)) {
            runner.start(task);
            await("the task is parked", () -> state(runner) == TaskState.PLACED_ELSEWHERE);

            runner.stop(ID);

            assertThat(runner.isRunning(ID)).isFalse();
            assertThat(task.calls).containsExactly("close");
        }
    }

    @Test
    void aTaskStoppedAfterMovingAwayIsNotCheckpointedAgain() {
        HandPlacement placement = new HandPlacement();
        placement.give(ID);
        RecordingTask task = new RecordingTask();
        try (TaskRunner runner = runner(placement)) {
            runner.start(task);
            await("the task stepped", () -> task.count("step") >= 1);
            placement.take(ID);
            await("the task is parked", () -> state(runner) == TaskState.PLACED_ELSEWHERE);

            runner.stop(ID);

            assertThat(runner.isRunning(ID)).isFalse();
            assertThat(task.count("checkpoint")).isEqualTo(1);
            assertThat(task.calls.stream().toList()).endsWith("checkpoint", "close");
        }
    }
}
