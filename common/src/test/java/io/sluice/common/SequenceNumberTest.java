package io.sluice.common;

import io.sluice.common.SequenceNumber.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceNumberTest {

    @ParameterizedTest
    @EnumSource(Layout.class)
    void formattedNumberDecodesToTheSameLayoutShardAndPosition(Layout layout) {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            SequenceNumber seq = new SequenceNumber(layout, random.nextInt(Integer.MAX_VALUE),
                    i < 10 ? i : random.nextLong(Long.MAX_VALUE));
            assertThat(SequenceNumber.parseOrNull(seq.format())).as("seed " + seed).isEqualTo(seq);
        }
    }

    @Test
    void compactDecimalFormIsTheLayoutsValue() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            int shard = random.nextInt(Integer.MAX_VALUE);
            long position = i < 10 ? i : random.nextLong(Long.MAX_VALUE);
            BigInteger expected = BigInteger.TWO.shiftLeft(124).add(BigInteger.valueOf(shard).shiftLeft(64))
                    .add(BigInteger.valueOf(position));
            assertThat(new SequenceNumber(Layout.COMPACT_38, shard, position).format()).as("seed " + seed)
                    .isEqualTo(expected.toString()).hasSize(38);
        }
    }

    @Test
    void awsDecimalFormIsTheLayoutsValueWithFiftySixDigits() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            int shard = i == 0 ? Integer.MAX_VALUE : random.nextInt(Integer.MAX_VALUE);
            long position = i == 0 ? Long.MAX_VALUE : i < 10 ? i : random.nextLong(Long.MAX_VALUE);
            BigInteger shardBits = BigInteger.valueOf(shard);
            BigInteger expected = BigInteger.ONE.shiftLeft(185).add(shardBits.shiftLeft(100))
                    .add(BigInteger.valueOf(position).shiftLeft(36)).add(shardBits.shiftLeft(4));
            assertThat(new SequenceNumber(Layout.AWS_56, shard, position).format()).as("seed " + seed)
                    .isEqualTo(expected.toString()).hasSize(56);
        }
    }

    /** The value a layout defines, computed with BigInteger: what the digits must spell. */
    private static BigInteger value(Layout layout, int shard, long position) {
        BigInteger shardBits = BigInteger.valueOf(shard);
        BigInteger positionBits = BigInteger.valueOf(position);
        return layout == Layout.COMPACT_38
                ? BigInteger.TWO.shiftLeft(124).add(shardBits.shiftLeft(64)).add(positionBits)
                : BigInteger.ONE.shiftLeft(185).add(shardBits.shiftLeft(100)).add(positionBits.shiftLeft(36))
                        .add(shardBits.shiftLeft(4));
    }

    /** A value of a random bit length (so small values are as likely as large ones), or one of the edges. */
    private static long anyUpTo(Random random, long max, long... edges) {
        int pick = random.nextInt(edges.length + 8);
        if (pick < edges.length) {
            return edges[pick];
        }
        int bits = 1 + random.nextInt(Long.SIZE - Long.numberOfLeadingZeros(max));
        return (random.nextLong() >>> (Long.SIZE - bits)) & max;
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void formatToWritesTheExactDecimalValueOverTheWholeRangeOfShardsAndPositions(Layout layout) {
        long seed = System.nanoTime();
        System.out.println("formatTo property test, " + layout + ", seed " + seed);
        Random random = new Random(seed);
        byte[] out = new byte[80];
        for (int i = 0; i < 200_000; i++) {
            int shard = (int) anyUpTo(random, Integer.MAX_VALUE, 0, 1, 9, 10, 99_999_999, 100_000_000,
                    Integer.MAX_VALUE - 1, Integer.MAX_VALUE);
            long position = anyUpTo(random, Long.MAX_VALUE, 0, 1, 99_999_999, 100_000_000, 0xFFFF_FFFFL,
                    1L << 32, (1L << 32) + 1, 999_999_999_999_999_999L, Long.MAX_VALUE - 1, Long.MAX_VALUE);
            SequenceNumber seq = new SequenceNumber(layout, shard, position);
            int offset = random.nextInt(out.length - seq.digitCount() + 1);
            java.util.Arrays.fill(out, (byte) '#');
            String expected = value(layout, shard, position).toString();

            int written = seq.formatTo(out, offset);

            String context = "seed " + seed + ", shard " + shard + ", position " + position;
            assertThat(written).as(context).isEqualTo(seq.digitCount()).isEqualTo(expected.length());
            assertThat(new String(out, offset, written, java.nio.charset.StandardCharsets.US_ASCII)).as(context)
                    .isEqualTo(expected);
            assertThat(new String(out, java.nio.charset.StandardCharsets.US_ASCII)).as(context)
                    .isEqualTo("#".repeat(offset) + expected + "#".repeat(out.length - offset - written));
            assertThat(seq.format()).as(context).isEqualTo(expected);
            assertThat(SequenceNumber.parseOrNull(expected)).as(context).isEqualTo(seq);
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void numbersIncreaseWithPositionWithinAShardAsNumbersAndAsStringsAndWithShardIndex(Layout layout) {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 1_000; i++) {
            int shard = random.nextInt(Integer.MAX_VALUE - 1);
            long position = random.nextLong(Long.MAX_VALUE - 1);
            String a = layout.before(shard, position).format();
            String b = layout.ofRecord(shard, position).format();
            String child = layout.before(shard + 1, 0).format();
            assertThat(new BigInteger(a)).as("seed " + seed).isLessThan(new BigInteger(b));
            assertThat(a.compareTo(b)).as("seed " + seed).isNegative();
            assertThat(new BigInteger(b)).as("seed " + seed).isLessThan(new BigInteger(child));
        }
    }

    @Test
    void theKclReadsTheShardIdAndVersionTwoOutOfAwsLayoutNumbers() {
        SequenceNumber seq = Layout.AWS_56.ofRecord(123_456, 987_654_321L);
        BigInteger value = new BigInteger(seq.format());
        // What software.amazon.kinesis.checkpoint.SequenceNumberValidator does.
        assertThat(value.bitLength()).isEqualTo(186);
        assertThat(value.shiftRight(184).longValue() & 0xF).isEqualTo(2);
        assertThat(String.format("shardId-%012d", value.shiftRight(4).longValue() & 0xFFFF_FFFFL))
                .isEqualTo("shardId-000000123456");
    }

    @Test
    void aRecordSortsAfterTheNumberBeforeIt() {
        assertThat(Layout.AWS_56.ofRecord(1, 0)).isEqualTo(new SequenceNumber(Layout.AWS_56, 1, 1));
        assertThat(Layout.AWS_56.before(1, 0)).isEqualTo(new SequenceNumber(Layout.AWS_56, 1, 0));
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void formatMatchesTheModelPattern(Layout layout) {
        assertThat(new SequenceNumber(layout, 0, 0).format()).matches("0|([1-9]\\d{0,128})");
        assertThat(new SequenceNumber(layout, Integer.MAX_VALUE, Long.MAX_VALUE).format()).matches("[1-9]\\d{0,128}");
    }

    @Test
    void foreignOrMalformedNumbersAreRejected() {
        assertThat(SequenceNumber.parseOrNull("0")).isNull();
        assertThat(SequenceNumber.parseOrNull("49590338271490256608559692538361571095921575989136588898")).isNull();
        String ours = Layout.AWS_56.ofRecord(5, 77).format();
        assertThat(SequenceNumber.parseOrNull("0" + ours)).isNull();
        assertThat(SequenceNumber.parseOrNull(ours.substring(0, 55) + (char) (ours.charAt(55) ^ 1))).isNull();
        assertThat(SequenceNumber.parseOrNull("12ab")).isNull();
        assertThat(SequenceNumber.parseOrNull("")).isNull();
        assertThat(SequenceNumber.parseOrNull(null)).isNull();
    }
}
