package io.sluice.firehose.delivery;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void waitsDoubleFromOneSecondUpToTwoMinutesWithoutJitter() {
        Backoff backoff = new Backoff(1_000, 120_000, 0, new SplittableRandom(1));
        assertThat(backoff.delayMillis(1)).isEqualTo(1_000);
        assertThat(backoff.delayMillis(2)).isEqualTo(2_000);
        assertThat(backoff.delayMillis(5)).isEqualTo(16_000);
        assertThat(backoff.delayMillis(8)).isEqualTo(120_000);
        assertThat(backoff.delayMillis(1_000)).isEqualTo(120_000);
    }

    @Test
    void jitterStaysWithinItsSpread() {
        Backoff backoff = Backoff.aws(new SplittableRandom(7));
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.delayMillis(3)).isBetween(3_400L, 4_600L);
        }
    }
}
