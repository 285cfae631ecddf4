package io.sluice.agent.send;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.agent.testing.FakeSender;
import io.sluice.agent.testing.FakeSender.Fail;
import io.sluice.agent.testing.FakeSender.Refuse;
import io.sluice.agent.testing.RecordingSleeper;
import io.sluice.common.ManualClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BatchSenderTest {

    private final ManualClock clock = new ManualClock(0);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final FlowMetrics metrics = new FlowMetrics(new SimpleMeterRegistry(), "f", "logs", () -> 0);

    private BatchSender sender(FakeSender destination) {
        return new BatchSender(destination, "f", 100, 10_000, sleeper, new Random(7), metrics);
    }

    private static List<byte[]> records(String... values) {
        List<byte[]> records = new ArrayList<>();
        for (String value : values) {
            records.add(value.getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    @Test
    void retriesOnlyTheRecordsTheServiceRefusedUntilAllAreAccepted() throws Exception {
        FakeSender destination = new FakeSender()
                .then(new Refuse("ProvisionedThroughputExceededException", 1, 3))
                .then(new Refuse("InternalFailure", 1));

        sender(destination).send(records("a", "b", "c", "d", "e"));

        assertThat(destination.requests).containsExactly(List.of("a", "b", "c", "d", "e"), List.of("b", "d"),
                List.of("d"));
        assertThat(destination.accepted).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(metrics.recordSendAttempts()).isEqualTo(8);
        assertThat(metrics.recordSendErrors()).isEqualTo(3);
        assertThat(metrics.recordsSent()).isEqualTo(5);
        assertThat(metrics.bytesSent()).isEqualTo(5);
        assertThat(sleeper.sleeps).hasSize(2);
    }

    @Test
    void aFailedRequestIsRetriedWithGrowingJitteredBackoffWithinTheFlowsBounds() throws Exception {
        FakeSender destination = new FakeSender();
        for (int i = 0; i < 12; i++) {
            destination.then(new Fail(new SendException("ServiceUnavailableException", ErrorKind.RETRIABLE,
                    "503", null)));
        }

        sender(destination).send(records("a"));

        assertThat(destination.requests).hasSize(13);
        assertThat(destination.accepted).containsExactly("a");
        assertThat(sleeper.sleeps).hasSize(12).allSatisfy(s -> assertThat(s).isBetween(100L, 10_000L));
        assertThat(sleeper.sleeps.get(0)).isLessThanOrEqualTo(100L);
        assertThat(sleeper.sleeps.get(3)).isBetween(400L, 800L);
        assertThat(sleeper.sleeps.subList(8, 12)).allSatisfy(s -> assertThat(s).isBetween(5_000L, 10_000L));
        assertThat(metrics.serviceErrors()).isEqualTo(12);
    }

    @Test
    void aMissingDestinationIsRetriedAtTheLongestBackoffAndNothingIsDropped() throws Exception {
        FakeSender destination = new FakeSender()
                .then(new Fail(new SendException("ResourceNotFoundException", ErrorKind.CONFIGURATION, "gone", null)))
                .then(new Fail(new SendException("ResourceNotFoundException", ErrorKind.CONFIGURATION, "gone",
                        null)));

        sender(destination).send(records("a", "b"));

        assertThat(sleeper.sleeps).containsExactly(10_000L, 10_000L);
        assertThat(destination.accepted).containsExactly("a", "b");
        assertThat(metrics.recordsDropped()).isZero();
    }

    @Test
    void recordsTheServiceCanNeverAcceptAreDroppedAndCountedNotRetried() throws Exception {
        FakeSender destination = new FakeSender()
                .then(new Refuse("ValidationException", 0));

        sender(destination).send(records("too-big", "b", "c"));

        assertThat(destination.requests).containsExactly(List.of("too-big", "b", "c"));
        assertThat(sleeper.sleeps).isEmpty();
        assertThat(destination.accepted).containsExactlyInAnyOrder("b", "c");
        assertThat(metrics.recordsDropped()).isEqualTo(1);
    }

    @Test
    void anInvalidRequestIsDroppedWithoutRetrying() throws Exception {
        FakeSender destination = new FakeSender()
                .then(new Fail(new SendException("InvalidArgumentException", ErrorKind.INVALID, "bad", null)));

        sender(destination).send(records("a", "b"));

        assertThat(destination.requests).hasSize(1);
        assertThat(sleeper.sleeps).isEmpty();
        assertThat(metrics.recordsDropped()).isEqualTo(2);
    }

    @Test
    void aBatchLargerThanOneRequestIsSplitByRecordsAndBytes() throws Exception {
        FakeSender destination = new FakeSender(10);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            records.add(new byte[0]);
        }
        sender(destination).send(records);
        assertThat(destination.requests).extracting(List::size).containsExactly(500, 500, 1);

        FakeSender small = new FakeSender(10);
        sender(small).send(records("aaaa", "bbbb", "cccc", "dddddddddddd", "e"));
        assertThat(small.requests).containsExactly(List.of("aaaa", "bbbb"), List.of("cccc"),
                List.of("dddddddddddd"), List.of("e"));
    }
}
