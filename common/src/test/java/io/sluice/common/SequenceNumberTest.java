package io.sluice.common;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceNumberTest {

    @Test
    void formattedNumberDecodesToTheSameShardAndPosition() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 10_000; i++) {
            SequenceNumber seq = new SequenceNumber(random.nextInt(Integer.MAX_VALUE), random.nextLong(Long.MAX_VALUE));
            assertThat(SequenceNumber.parseOrNull(seq.format())).as("seed " + seed).isEqualTo(seq);
        }
    }

    @Test
    void decimalFormIsTheLayoutsValue() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 10_000; i++) {
            int shard = random.nextInt(Integer.MAX_VALUE);
            long position = i < 10 ? i : random.nextLong(Long.MAX_VALUE);
            BigInteger expected = BigInteger.TWO.shiftLeft(124).add(BigInteger.valueOf(shard).shiftLeft(64))
                    .add(BigInteger.valueOf(position));
            assertThat(new SequenceNumber(shard, position).format()).as("seed " + seed).isEqualTo(expected.toString());
        }
    }

    @Test
    void numbersIncreaseWithPositionWithinAShardAndWithShardIndex() {
        BigInteger a = new BigInteger(new SequenceNumber(3, 41).format());
        BigInteger b = new BigInteger(new SequenceNumber(3, 42).format());
        BigInteger child = new BigInteger(new SequenceNumber(4, 0).format());
        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(child);
    }

    @Test
    void aRecordSortsAfterTheNumberBeforeIt() {
        assertThat(SequenceNumber.ofRecord(1, 0)).isEqualTo(new SequenceNumber(1, 1));
        assertThat(SequenceNumber.before(1, 0)).isEqualTo(new SequenceNumber(1, 0));
    }

    @Test
    void formatMatchesTheModelPattern() {
        assertThat(new SequenceNumber(0, 0).format()).matches("0|([1-9]\\d{0,128})");
        assertThat(new SequenceNumber(Integer.MAX_VALUE, Long.MAX_VALUE).format()).matches("[1-9]\\d{0,128}");
    }

    @Test
    void foreignOrMalformedNumbersAreRejected() {
        assertThat(SequenceNumber.parseOrNull("0")).isNull();
        assertThat(SequenceNumber.parseOrNull("49590338271490256608559692538361571095921575989136588898")).isNull();
        assertThat(SequenceNumber.parseOrNull("12ab")).isNull();
        assertThat(SequenceNumber.parseOrNull("")).isNull();
        assertThat(SequenceNumber.parseOrNull(null)).isNull();
    }
}
