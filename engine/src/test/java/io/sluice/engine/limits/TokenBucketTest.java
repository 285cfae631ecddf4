package io.sluice.engine.limits;

import io.sluice.common.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private final ManualClock clock = new ManualClock(1_000_000);

    @Test
    void startsFullAndTakesNothingWhenShort() {
        TokenBucket bucket = new TokenBucket(clock, 10, 10);

        assertThat(bucket.tryTake(11)).isFalse();
        assertThat(bucket.tryTake(10)).isTrue();
        assertThat(bucket.tryTake(1)).isFalse();
    }

    @Test
    void refillsAtItsRateOverTime() {
        TokenBucket bucket = new TokenBucket(clock, 10, 10);
        bucket.tryTake(10);

        clock.advance(Duration.ofMillis(99));
        assertThat(bucket.tryTake(1)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(bucket.tryTake(1)).isTrue();
        assertThat(bucket.tryTake(1)).isFalse();
    }

    @Test
    void neverRefillsAboveCapacity() {
        TokenBucket bucket = new TokenBucket(clock, 10, 10);

        clock.advance(Duration.ofHours(1));

        assertThat(bucket.tryTake(10)).isTrue();
        assertThat(bucket.tryTake(1)).isFalse();
    }

    @Test
    void debtDelaysAdmissionUntilRefilled() {
        TokenBucket bucket = new TokenBucket(clock, 10, 10);
        bucket.charge(40);

        assertThat(bucket.available()).isFalse();
        clock.advance(Duration.ofMillis(2999));
        assertThat(bucket.available()).isFalse();
        assertThat(bucket.tryTake(0.001)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(bucket.available()).isTrue();
    }

    @Test
    void debtStopsAtTheMaximumDebt() {
        TokenBucket bucket = new TokenBucket(clock, 10, 10, 20);
        bucket.charge(10);
        bucket.charge(100);

        clock.advance(Duration.ofMillis(1999));
        assertThat(bucket.available()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(bucket.available()).isTrue();
    }

    @Test
    void aClockSetBackwardsNeitherDrainsNorRefills() {
        TokenBucket bucket = new TokenBucket(clock, 10, 10);
        bucket.tryTake(10);

        clock.set(0);
        assertThat(bucket.tryTake(1)).isFalse();
        clock.set(1_000_100);
        assertThat(bucket.tryTake(1)).isTrue();
        assertThat(bucket.tryTake(1)).isFalse();
    }

    @Test
    void aOneSecondBurstHoldsAtLeastOneUnit() {
        TokenBucket halfPerSecond = TokenBucket.oneSecondBurst(clock, 0.5);

        assertThat(halfPerSecond.tryTake(1)).isTrue();
        clock.advance(Duration.ofMillis(1999));
        assertThat(halfPerSecond.tryTake(1)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(halfPerSecond.tryTake(1)).isTrue();
    }
}
