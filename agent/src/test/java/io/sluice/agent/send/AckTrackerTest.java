package io.sluice.agent.send;

import io.sluice.agent.tail.TailPosition;
import io.sluice.agent.testing.FakeSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AckTrackerTest {

    private static TailPosition at(long offset) {
        return new TailPosition("1:1", Path.of("/var/log/app.log"), offset);
    }

    @Test
    void aLaterBatchSentFirstWaitsForTheEarlierOneBeforeTheCheckpointMoves() {
        FakeSource source = new FakeSource();
        AckTracker acks = new AckTracker(source, "f");
        long first = acks.register(at(10));
        long second = acks.register(at(20));
        long third = acks.register(at(30));

        acks.complete(third);
        acks.complete(second);
        assertThat(source.acknowledged).isEmpty();
        assertThat(acks.unacknowledged()).isEqualTo(3);

        acks.complete(first);
        assertThat(source.acknowledged).containsExactly(at(30));
        assertThat(acks.unacknowledged()).isZero();
    }

    @Test
    void batchesCompletedInOrderAreAcknowledgedOneByOne() {
        FakeSource source = new FakeSource();
        AckTracker acks = new AckTracker(source, "f");
        long first = acks.register(at(10));
        long second = acks.register(at(20));
        acks.complete(first);
        acks.complete(second);
        assertThat(source.acknowledged).containsExactly(at(10), at(20));
    }
}
