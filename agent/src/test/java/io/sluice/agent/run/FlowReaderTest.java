package io.sluice.agent.run;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.agent.config.FlowConfig;
import io.sluice.agent.send.AckTracker;
import io.sluice.agent.send.BatchSender;
import io.sluice.agent.send.FlowMetrics;
import io.sluice.agent.send.FlowPublisher;
import io.sluice.agent.testing.FakeSender;
import io.sluice.agent.testing.FakeSender.Refuse;
import io.sluice.agent.testing.FakeSource;
import io.sluice.agent.testing.Flows;
import io.sluice.agent.testing.ManualExecutor;
import io.sluice.agent.testing.RecordingSleeper;
import io.sluice.common.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FlowReaderTest {

    private final ManualClock clock = new ManualClock(1_000);
    private final FakeSource source = new FakeSource();
    private final FakeSender destination = new FakeSender();
    private final ManualExecutor sendingThreads = new ManualExecutor();
    private FlowMetrics metrics;
    private FlowPublisher publisher;

    private FlowReader reader(FlowConfig flow) {
        metrics = new FlowMetrics(new SimpleMeterRegistry(), flow.id(), "logs", source::bytesBehind);
        BatchSender sender = new BatchSender(destination, flow.id(), 100, 10_000, new RecordingSleeper(clock),
                new Random(1), metrics);
        publisher = new FlowPublisher(flow.id(), flow.publishQueueCapacity(), 0, sender,
                new AckTracker(source, flow.id()), sendingThreads);
        return new FlowReader(flow, source, publisher, clock, new RecordingSleeper(clock), metrics);
    }

    @Test
    void aBufferIsPublishedWhenItHoldsMaxBufferSizeRecords() throws Exception {
        FlowReader reader = reader(Flows.kinesis(3, 1 << 20, 60_000, 10));
        source.write("a", "b", "c", "d", "e");

        reader.step();
        reader.step();

        sendingThreads.runAll();
        assertThat(destination.requests).containsExactly(List.of("a", "b", "c"));
        assertThat(source.lastAcknowledgedOffset()).isEqualTo(6);
        assertThat(metrics.recordsParsed()).isEqualTo(5);
    }

    @Test
    void aBufferIsPublishedBeforeARecordWouldTakeItOverMaxBufferSizeBytes() throws Exception {
        FlowReader reader = reader(Flows.kinesis(500, 10, 60_000, 10));
        source.write("aaaa", "bbbb", "cccc", "dd");

        reader.step();
        sendingThreads.runAll();
        assertThat(destination.requests).containsExactly(List.of("aaaa", "bbbb"));

        reader.flush();
        sendingThreads.runAll();
        assertThat(destination.requests).containsExactly(List.of("aaaa", "bbbb"), List.of("cccc", "dd"));
    }

    @Test
    void aBufferIsPublishedOnceItsFirstRecordHasWaitedMaxBufferAgeMillis() throws Exception {
        FlowReader reader = reader(Flows.kinesis(500, 1 << 20, 5_000, 10));
        source.write("a");
        reader.step();
        clock.advance(Duration.ofMillis(3_000));
        source.write("b");
        reader.step();
        clock.advance(Duration.ofMillis(1_999));
        reader.step();
        assertThat(sendingThreads.queued).isEmpty();

        clock.advance(Duration.ofMillis(1));
        reader.step();
        sendingThreads.runAll();

        assertThat(destination.requests).containsExactly(List.of("a", "b"));
    }

    @Test
    void theCheckpointNeverPassesABatchStillBeingRetried() throws Exception {
        FlowReader reader = reader(Flows.kinesis(2, 1 << 20, 60_000, 10));
        destination.then(new Refuse("ProvisionedThroughputExceededException", 1));
        source.write("a", "b", "c", "d");
        reader.step();
        reader.step();
        assertThat(sendingThreads.queued).hasSize(2);

        // the second batch is sent first: the checkpoint must not move past the first, still unsent
        sendingThreads.run(1);
        assertThat(destination.requests).containsExactly(List.of("c", "d"), List.of("d"));
        assertThat(source.acknowledged).isEmpty();

        sendingThreads.run(0);
        assertThat(destination.accepted).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(source.acknowledged).hasSize(1);
        assertThat(source.lastAcknowledgedOffset()).isEqualTo(8);
    }

    @Test
    void aFullPublishQueueStopsTheReaderUntilABatchIsSent() throws Exception {
        FlowReader reader = reader(Flows.kinesis(1, 1 << 20, 60_000, 2));
        source.write("a", "b", "c", "d");
        Thread reading = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 4; i++) {
                    reader.step();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiting(reading);
        // two batches queued, the third waits for room: nothing more was read from the file
        assertThat(sendingThreads.queued).hasSize(2);
        assertThat(publisher.inFlight()).isEqualTo(2);
        assertThat(source.polls.get()).isEqualTo(3);
        assertThat(source.bytesBehind()).isEqualTo(2);

        sendingThreads.run(0);
        awaitWaiting(reading);
        sendingThreads.run(0);
        reading.join(Duration.ofSeconds(10));
        assertThat(reading.isAlive()).isFalse();
        sendingThreads.runAll();
        assertThat(destination.accepted).containsExactly("a", "b", "c", "d");
        assertThat(source.lastAcknowledgedOffset()).isEqualTo(8);
    }

    /** Waits until the thread blocks (on the publish queue) or ends; the test never depends on how long. */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        for (int i = 0; i < 10_000 && thread.isAlive() && thread.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(1);
        }
        assertThat(thread.getState()).isIn(Thread.State.WAITING, Thread.State.TERMINATED);
    }
}
