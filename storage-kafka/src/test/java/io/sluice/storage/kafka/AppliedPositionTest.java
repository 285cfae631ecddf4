package io.sluice.storage.kafka;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class AppliedPositionTest {

    @Test
    void aWaiterCompletesOnceThePositionReachesItsOffset() {
        AppliedPosition position = new AppliedPosition();
        CompletableFuture<Void> five = position.reached(5);
        CompletableFuture<Void> seven = position.reached(7);

        position.advance(5);

        assertThat(five).isCompleted();
        assertThat(seven).isNotDone();
        position.advance(9);
        assertThat(seven).isCompleted();
        assertThat(position.reached(9)).isCompleted();
    }

    @Test
    void thePositionNeverGoesBack() {
        AppliedPosition position = new AppliedPosition();
        position.advance(10);
        position.advance(3);

        assertThat(position.position()).isEqualTo(10);
        assertThat(position.reached(10)).isCompleted();
    }

    @Test
    void afterAFailureEveryWaiterFailsWithTheFirstCause() {
        AppliedPosition position = new AppliedPosition();
        CompletableFuture<Void> waiting = position.reached(1);
        IOException first = new IOException("first");

        position.fail(first);
        position.fail(new IOException("second"));

        assertThat(waiting).isCompletedExceptionally();
        assertThat(waiting.exceptionNow()).isSameAs(first);
        assertThat(position.reached(1).exceptionNow()).isSameAs(first);
    }
}
