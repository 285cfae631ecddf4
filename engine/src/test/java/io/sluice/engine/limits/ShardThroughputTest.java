package io.sluice.engine.limits;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardThroughputTest {

    private static final int MIB = 1024 * 1024;

    private final ManualClock clock = new ManualClock(1_000_000);
    private final ShardThroughput shard = new ShardThroughput(clock, LimitSettings.aws(), "shardId-000000000000",
            "orders", "123456789012");

    private static int[] sizes(int count, int size) {
        int[] sizes = new int[count];
        Arrays.fill(sizes, size);
        return sizes;
    }

    private boolean readAdmitted() {
        try {
            shard.admitRead();
            return true;
        } catch (ServiceException e) {
            return false;
        }
    }

    @Test
    void theThousandAndFirstRecordInASecondIsThrottled() {
        boolean[] admitted = shard.admitWrites(sizes(1001, 10));

        assertThat(admitted).hasSize(1001);
        assertThat(Arrays.copyOf(admitted, 1000)).containsOnly(true);
        assertThat(admitted[1000]).isFalse();
    }

    @Test
    void aRecordIsAdmittedAgainAfterOneSecond() {
        shard.admitWrites(sizes(1000, 10));
        assertThat(shard.admitWrites(new int[] {10})).containsExactly(false);

        clock.advance(Duration.ofSeconds(1));

        assertThat(shard.admitWrites(sizes(1000, 10))).containsOnly(true);
    }

    @Test
    void writesAreLimitedToOneMebibytePerSecond() {
        assertThat(shard.admitWrites(new int[] {MIB, 1})).containsExactly(true, false);

        clock.advance(Duration.ofMillis(500));
        assertThat(shard.admitWrites(new int[] {MIB / 2 + 1, MIB / 2})).containsExactly(false, true);
    }

    @Test
    void aThrottledBigRecordDoesNotBlockALaterSmallOne() {
        assertThat(shard.admitWrites(new int[] {600 * 1024, 600 * 1024, 100 * 1024}))
                .containsExactly(true, false, true);
    }

    @Test
    void aThrottledRecordTakesNothingFromTheRecordBudget() {
        shard.admitWrites(sizes(999, 1));

        assertThat(shard.admitWrites(new int[] {MIB, 1, 1})).containsExactly(false, true, false);
    }

    @Test
    void theSixthReadInASecondIsThrottled() {
        for (int i = 0; i < 5; i++) {
            shard.admitRead();
            shard.chargeRead(1000);
        }

        assertThatThrownBy(shard::admitRead)
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED);
                    assertThat(e.getMessage()).isEqualTo("Rate exceeded for shard shardId-000000000000 in stream "
                            + "orders under account 123456789012.");
                });
        clock.advance(Duration.ofMillis(200));
        assertThat(readAdmitted()).isTrue();
        assertThat(readAdmitted()).isFalse();
    }

    @Test
    void readsInsideTheServerAreNotCountedAgainstTheCallsPerSecondButShareTheBytes() {
        for (int i = 0; i < 5; i++) {
            shard.admitRead();
            shard.chargeRead(1000);
        }
        for (int i = 0; i < 20; i++) {
            shard.admitInternalRead();
            shard.chargeRead(100);
        }
        shard.chargeRead(10 * MIB);

        assertThatThrownBy(shard::admitInternalRead).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED));
    }

    @Test
    void afterATenMebibyteReadCallsAreThrottledForFiveSeconds() {
        shard.admitRead();
        shard.chargeRead(2 * MIB);
        shard.admitRead();
        shard.chargeRead(10 * MIB);

        for (long at = 200; at < 5000; at += 200) {
            clock.set(1_000_000 + at);
            assertThat(readAdmitted()).as("read at +%d ms", at).isFalse();
        }
        clock.set(1_000_000 + 4999);
        assertThat(readAdmitted()).isFalse();
        clock.set(1_000_000 + 5000);
        assertThat(readAdmitted()).isTrue();
    }

    @Test
    void aBigReadOnAFreshShardIsPartlyPaidByItsSecondOfBudget() {
        shard.admitRead();
        shard.chargeRead(10 * MIB);

        clock.advance(Duration.ofMillis(3999));
        assertThat(readAdmitted()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(readAdmitted()).isTrue();
    }

    @Test
    void readDebtIsCappedAtTheLargestGetRecordsResponse() {
        shard.admitRead();
        shard.chargeRead(2 * MIB);
        shard.admitRead();
        shard.chargeRead(10 * MIB);
        shard.chargeRead(10 * MIB);

        clock.advance(Duration.ofMillis(4999));
        assertThat(readAdmitted()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(readAdmitted()).isTrue();
    }

    @Test
    void aReadRefusedForDebtUsesUpNoCall() {
        shard.admitRead();
        shard.chargeRead(4 * MIB);
        for (int i = 0; i < 10; i++) {
            assertThat(readAdmitted()).isFalse();
        }

        clock.advance(Duration.ofSeconds(1));

        for (int i = 0; i < 5; i++) {
            assertThat(readAdmitted()).as("call %d", i).isTrue();
        }
        assertThat(readAdmitted()).isFalse();
    }

    @Test
    void theSixthGetShardIteratorOnAShardInASecondIsThrottled() {
        for (int i = 0; i < 5; i++) {
            shard.admitGetShardIterator();
        }

        assertThatThrownBy(shard::admitGetShardIterator)
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED));
        ShardThroughput otherShard = new ShardThroughput(clock, LimitSettings.aws());
        otherShard.admitGetShardIterator();
        clock.advance(Duration.ofMillis(200));
        shard.admitGetShardIterator();
    }

    @Test
    void theOffProfileAdmitsEverything() {
        ShardThroughput unlimited = new ShardThroughput(clock, LimitSettings.off());

        assertThat(unlimited.admitWrites(sizes(100_000, MIB))).containsOnly(true);
        for (int i = 0; i < 1000; i++) {
            unlimited.admitRead();
            unlimited.chargeRead(10 * MIB);
            unlimited.admitGetShardIterator();
        }
    }

    private static ShardUsage othersUsage(long writeBytes, long writeRecords, long readCalls, long readBytes) {
        return new ShardUsage("123456789012", "us-east-1", "orders", 1, 0, writeBytes, writeRecords, readCalls,
                readBytes);
    }

    @Test
    void writesOtherNodesReportedAreChargedAndRepaidBeforeThisNodeAdmitsAgain() {
        shard.admitWrites(sizes(500, 10));
        shard.chargeOthers(othersUsage(5000, 1000, 0, 0));
        assertThat(shard.admitWrites(new int[] {10})).as("500 records of debt").containsExactly(false);

        clock.advance(Duration.ofMillis(500));
        assertThat(shard.admitWrites(new int[] {10})).as("the debt is repaid, nothing more").containsExactly(false);
        clock.advance(Duration.ofMillis(100));
        assertThat(shard.admitWrites(sizes(100, 10))).containsOnly(true);
    }

    @Test
    void bytesOtherNodesWroteCountAgainstThisNodesBytesPerSecond() {
        shard.chargeOthers(othersUsage(MIB - 100, 1, 0, 0));

        assertThat(shard.admitWrites(new int[] {100, 1})).containsExactly(true, false);
    }

    @Test
    void readCallsAndBytesOtherNodesServedAreCharged() {
        shard.chargeOthers(othersUsage(0, 0, 5, 0));
        assertThat(readAdmitted()).as("five calls this second went through another node").isFalse();
        clock.advance(Duration.ofMillis(200));
        assertThat(readAdmitted()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        shard.chargeOthers(othersUsage(0, 0, 0, 4L * MIB));
        assertThat(readAdmitted()).as("the read bytes are in debt").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(readAdmitted()).isTrue();
    }

    @Test
    void theOffProfileIgnoresOtherNodesUsage() {
        ShardThroughput unlimited = new ShardThroughput(clock, LimitSettings.off());
        unlimited.chargeOthers(othersUsage(100L * MIB, 100_000, 1000, 100L * MIB));

        assertThat(unlimited.admitWrites(sizes(10, 10))).containsOnly(true);
        unlimited.admitRead();
    }
}
