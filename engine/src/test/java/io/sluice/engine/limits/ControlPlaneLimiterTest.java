package io.sluice.engine.limits;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlPlaneLimiterTest {

    private static final String ACCOUNT = "123456789012";
    private static final String STREAM = ACCOUNT + "/orders";

    private final ManualClock clock = new ManualClock(1_000_000);
    private final ControlPlaneLimiter limiter = new ControlPlaneLimiter(clock, LimitSettings.aws());

    private static void assertLimitExceeded(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.LIMIT_EXCEEDED);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private void callTimes(int times, String operation, String scope) {
        for (int i = 0; i < times; i++) {
            limiter.acquire(operation, scope);
        }
    }

    private void updateShardCountTimes(int times) {
        for (int i = 0; i < times; i++) {
            limiter.acquireUpdateShardCount(STREAM);
        }
    }

    @Test
    void theSixthCreateStreamInASecondExceedsTheLimit() {
        callTimes(5, "CreateStream", ACCOUNT);

        assertLimitExceeded(() -> limiter.acquire("CreateStream", ACCOUNT),
                "Rate exceeded for CreateStream: at most 5 calls per second for 123456789012.");
    }

    @Test
    void callsAreAdmittedAgainAsTheRateRefills() {
        callTimes(5, "CreateStream", ACCOUNT);

        clock.advance(Duration.ofMillis(200));
        limiter.acquire("CreateStream", ACCOUNT);
        assertThatThrownBy(() -> limiter.acquire("CreateStream", ACCOUNT)).isInstanceOf(ServiceException.class);
    }

    @Test
    void scopesAndOperationsAreLimitedIndependently() {
        callTimes(5, "CreateStream", ACCOUNT);

        callTimes(5, "CreateStream", "210987654321");
        callTimes(5, "DeleteStream", ACCOUNT);
        assertThatThrownBy(() -> limiter.acquire("CreateStream", ACCOUNT)).isInstanceOf(ServiceException.class);
    }

    @Test
    void eachOperationHasItsAwsRate() {
        callTimes(1000, "ListShards", STREAM);
        assertThatThrownBy(() -> limiter.acquire("ListShards", STREAM)).isInstanceOf(ServiceException.class);
        callTimes(1000, "ListShards", ACCOUNT + "/other");

        limiter.acquire("DescribeLimits", ACCOUNT);
        assertThatThrownBy(() -> limiter.acquire("DescribeLimits", ACCOUNT)).isInstanceOf(ServiceException.class);

        callTimes(20, "DescribeStreamSummary", ACCOUNT);
        assertThatThrownBy(() -> limiter.acquire("DescribeStreamSummary", ACCOUNT))
                .isInstanceOf(ServiceException.class);
    }

    @Test
    void operationsWithoutARateAreUnlimited() {
        callTimes(100_000, "PutRecord", ACCOUNT);
    }

    @Test
    void getShardIteratorIsLeftToTheShard() {
        assertThatThrownBy(() -> limiter.acquire("GetShardIterator", ACCOUNT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEleventhUpdateShardCountWithin24HoursIsRefusedAndAllowedAfter24Hours() {
        updateShardCountTimes(10);

        clock.advance(Duration.ofHours(24).minusMillis(1));
        assertLimitExceeded(() -> limiter.acquireUpdateShardCount(STREAM),
                "Rate exceeded for UpdateShardCount: at most 10 calls within 24 hours for 123456789012/orders.");
        clock.advance(Duration.ofMillis(1));
        updateShardCountTimes(10);
        assertThatThrownBy(() -> limiter.acquireUpdateShardCount(STREAM)).isInstanceOf(ServiceException.class);
    }

    @Test
    void theUpdateShardCountWindowRolls() {
        limiter.acquireUpdateShardCount(STREAM);
        clock.advance(Duration.ofHours(12));
        updateShardCountTimes(9);

        clock.advance(Duration.ofHours(12));
        limiter.acquireUpdateShardCount(STREAM);
        assertThatThrownBy(() -> limiter.acquireUpdateShardCount(STREAM)).isInstanceOf(ServiceException.class);

        clock.advance(Duration.ofHours(12));
        updateShardCountTimes(9);
    }

    @Test
    void theUpdateShardCountAllowanceIsPerStream() {
        updateShardCountTimes(10);

        limiter.acquireUpdateShardCount(ACCOUNT + "/other");
    }

    @Test
    void idleScopesAreDropped() {
        for (int i = 0; i < 1000; i++) {
            limiter.acquire("DescribeStream", "account-" + i);
        }
        limiter.acquireUpdateShardCount(STREAM);
        assertThat(limiter.tracked()).isEqualTo(1001);

        clock.advance(Duration.ofMinutes(1));
        limiter.acquire("DescribeStream", "account-0");
        assertThat(limiter.tracked()).as("only the update log and the bucket just used").isEqualTo(2);

        clock.advance(Duration.ofHours(24));
        limiter.acquire("DescribeStream", "account-0");
        assertThat(limiter.tracked()).isEqualTo(1);
    }

    @Test
    void droppingAnIdleScopeChangesNoAnswer() {
        callTimes(5, "CreateStream", ACCOUNT);
        clock.advance(Duration.ofMinutes(1));

        callTimes(5, "CreateStream", ACCOUNT);
        assertThatThrownBy(() -> limiter.acquire("CreateStream", ACCOUNT)).isInstanceOf(ServiceException.class);
    }

    @Test
    void theOffProfileAdmitsEverything() {
        ControlPlaneLimiter unlimited = new ControlPlaneLimiter(clock, LimitSettings.off());

        for (int i = 0; i < 1000; i++) {
            unlimited.acquire("CreateStream", ACCOUNT);
            unlimited.acquireUpdateShardCount(STREAM);
        }
        assertThat(unlimited.tracked()).isZero();
    }
}
