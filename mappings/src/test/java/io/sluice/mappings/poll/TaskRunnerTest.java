package io.sluice.mappings.poll;

import io.sluice.common.Clock;
import io.sluice.common.ManualClock;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskRunner;
import io.sluice.mappings.filter.EventFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** On the engine's TaskRunner a mapping is one task, woken by appends rather than by its idle period. */
class TaskRunnerTest {

    @TempDir
    Path dir;
    private PollerFixture fx;
    private TaskRunner runner;

    @BeforeEach
    void open() throws IOException {
        fx = new PollerFixture(dir);
        fx.createStream(2);
        // an idle period far longer than the test: only a wake-up can make the task step again
        runner = new TaskRunner(Clock.system(), Duration.ofHours(1), Duration.ofMinutes(1));
        fx.pollers = new MappingPollers(fx.engine, fx.metadata, TaskHost.on(runner), fx.function,
                (arn, record) -> { }, fx.observer, patterns -> EventFilter.ALL, PollerSettings.defaults(),
                fx.clock);
    }

    @AfterEach
    void close() {
        runner.close();
        fx.close();
    }

    private void awaitDelivered(int records) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fx.function.deliveredData().size() < records && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void theMappingRunsAsOneTaskAndAnAppendWakesIt() throws InterruptedException {
        fx.put("a", "r1");
        fx.run(PollerFixture.settings());
        awaitDelivered(1);
        assertThat(runner.isRunning(fx.taskId())).isTrue();

        // the task is now parked for its idle hour, on an append signal of each shard
        Thread.sleep(50);
        fx.put("b", "r2");
        fx.put("c", "r3");
        awaitDelivered(3);

        assertThat(fx.function.deliveredData()).containsExactlyInAnyOrder("r1", "r2", "r3");
        fx.pollers.stop(PollerFixture.UUID);
        assertThat(runner.isRunning(fx.taskId())).isFalse();
        assertThat(fx.clock).isInstanceOf(ManualClock.class);
    }
}
