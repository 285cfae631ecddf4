package io.sluice.common;

import java.math.BigInteger;

/**
 * The exact decimal digits of a sequence number, without BigInteger or intermediate strings. Both layouts' values
 * are a constant plus three fields of at most 32 bits (the shard index and the two halves of the position), each
 * times a fixed sum of powers of two. Those constants are kept as base-10^8 chunks, computed once, so chunk
 * {@code j} of the value is four multiply-adds plus the carry from chunk {@code j - 1}; every product stays below
 * 2^59, so no step overflows a long. The chunks are written two digits at a time from a table. Stateless.
 */
final class SequenceDigits {

    private static final long CHUNK = 100_000_000L;
    private static final int CHUNKS = 7;
    private static final byte[] PAIRS = new byte[200];

    /** Per layout: the constant, and the multipliers of the shard index, the position's high and low 32 bits. */
    private static final long[][] AWS_56 = {chunks(pow(185)), chunks(pow(100).add(pow(4))), chunks(pow(68)),
        chunks(pow(36))};
    private static final long[][] COMPACT_38 = {chunks(pow(125)), chunks(pow(64)), chunks(pow(32)),
        chunks(pow(0))};

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private SequenceDigits() {
    }

    /** The number of digits of every number of the layout. */
    static int length(SequenceNumber.Layout layout) {
        return layout == SequenceNumber.Layout.AWS_56 ? 56 : 38;
    }

    /** Writes the {@link #length} ASCII digits of the number into {@code out} from {@code offset}. */
    static void write(SequenceNumber.Layout layout, int shardIndex, long position, byte[] out, int offset) {
        long[][] terms = layout == SequenceNumber.Layout.AWS_56 ? AWS_56 : COMPACT_38;
        long[] constant = terms[0];
        long[] shardTimes = terms[1];
        long[] highTimes = terms[2];
        long[] lowTimes = terms[3];
        long shard = shardIndex & 0xFFFF_FFFFL;
        long high = position >>> 32;
        long low = position & 0xFFFF_FFFFL;
        int end = offset + length(layout);
        long carry = 0;
        for (int j = 0; end - 8 * j > offset; j++) {
            long sum = constant[j] + shard * shardTimes[j] + high * highTimes[j] + low * lowTimes[j] + carry;
            carry = sum / CHUNK;
            int digits = Math.min(8, end - 8 * j - offset);
            writeDigits(out, end - 8 * j, (int) (sum - carry * CHUNK), digits);
        }
    }

    /** Writes {@code count} (even) digits of {@code value} ending just before {@code end}, with leading zeros. */
    private static void writeDigits(byte[] out, int end, int value, int count) {
        int position = end;
        for (int written = 0; written < count; written += 2) {
            int next = value / 100;
            int pair = (value - next * 100) << 1;
            out[--position] = PAIRS[pair + 1];
            out[--position] = PAIRS[pair];
            value = next;
        }
    }

    private static BigInteger pow(int exponent) {
        return BigInteger.ONE.shiftLeft(exponent);
    }

    private static long[] chunks(BigInteger value) {
        long[] chunks = new long[CHUNKS];
        BigInteger rest = value;
        for (int i = 0; i < CHUNKS; i++) {
            BigInteger[] divided = rest.divideAndRemainder(BigInteger.valueOf(CHUNK));
            chunks[i] = divided[1].longValue();
            rest = divided[0];
        }
        return chunks;
    }
}
