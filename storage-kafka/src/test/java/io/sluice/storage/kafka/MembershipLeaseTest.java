package io.sluice.storage.kafka;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipLeaseTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aNewLeaseHoldsNothingUntilItsFirstRenewal() {
        MembershipLease lease = new MembershipLease(Duration.ofSeconds(10), 5 * SECOND);

        assertThat(lease.valid(5 * SECOND)).isFalse();
        assertThat(lease.valid(6 * SECOND)).isFalse();
    }

    @Test
    void aRenewedLeaseEndsBeforeTheSessionCountedFromTheRenewalsSending() {
        MembershipLease lease = new MembershipLease(Duration.ofSeconds(10), 0);

        lease.renewed(100 * SECOND);

        assertThat(lease.valid(100 * SECOND)).isTrue();
        assertThat(lease.valid(108 * SECOND)).isTrue();
        assertThat(lease.valid(109 * SECOND)).as("a tenth of the session short of the coordinator's deadline")
                .isFalse();
        assertThat(lease.valid(110 * SECOND)).isFalse();
    }

    @Test
    void theLeaseWorksAcrossTheWrapOfTheNanosecondCounter() {
        MembershipLease lease = new MembershipLease(Duration.ofSeconds(10), Long.MAX_VALUE - SECOND);

        lease.renewed(Long.MAX_VALUE - SECOND);

        assertThat(lease.valid(Long.MAX_VALUE)).isTrue();
        assertThat(lease.valid(Long.MIN_VALUE + 7 * SECOND)).isTrue();
        assertThat(lease.valid(Long.MIN_VALUE + 9 * SECOND)).isFalse();
    }
}
