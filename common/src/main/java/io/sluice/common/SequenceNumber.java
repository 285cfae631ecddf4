package io.sluice.common;

import java.math.BigInteger;

/**
 * The sequence-number codec. A sequence number names a position in one shard: the shard's index and a position
 * that decodes to a log offset in O(1). Position 0 is the shard's start, before its first record (the shard's
 * StartingSequenceNumber); the record at log offset {@code o} has position {@code o + 1}. So AFTER a number means
 * log offset {@code position}, and AT a record's number means log offset {@code position - 1}.
 *
 * <p>Layout, as a 128-bit unsigned integer printed in decimal (38 digits):
 * <pre>
 *   bits 127..124  version, always 2
 *   bits 123..96   reserved, zero
 *   bits  95..64   shard index (unsigned 32 bits)
 *   bits  63..0    position in the shard (non-negative)
 * </pre>
 * Within a shard the numbers increase with the position; across a stream they are unique because the shard index
 * is part of them; and children created by resharding sort after their parents because their index is higher.
 */
public record SequenceNumber(int shardIndex, long position) {

    private static final long VERSION_BITS = 2L << 60;
    private static final long BILLION = 1_000_000_000L;

    public SequenceNumber {
        if (shardIndex < 0 || position < 0) {
            throw new IllegalArgumentException("negative shard index or position");
        }
    }

    /** The number of the record at a log offset. */
    public static SequenceNumber ofRecord(int shardIndex, long logOffset) {
        return new SequenceNumber(shardIndex, logOffset + 1);
    }

    /** The number that comes just before the record at a log offset (the shard's start for offset 0). */
    public static SequenceNumber before(int shardIndex, long logOffset) {
        return new SequenceNumber(shardIndex, logOffset);
    }

    /**
     * The decimal form clients see. Written on every put and read of every record, so it avoids BigInteger: the
     * 128-bit value is cut into four 32-bit limbs and divided by 10^9 until nothing is left.
     */
    public String format() {
        long high = VERSION_BITS | (shardIndex & 0xFFFF_FFFFL);
        long[] limbs = {high >>> 32, high & 0xFFFF_FFFFL, position >>> 32, position & 0xFFFF_FFFFL};
        int[] chunks = new int[5];
        int count = 0;
        while (limbs[0] != 0 || limbs[1] != 0 || limbs[2] != 0 || limbs[3] != 0) {
            long remainder = 0;
            for (int i = 0; i < 4; i++) {
                long current = (remainder << 32) | limbs[i];
                limbs[i] = current / BILLION;
                remainder = current % BILLION;
            }
            chunks[count++] = (int) remainder;
        }
        StringBuilder out = new StringBuilder(40).append(chunks[count - 1]);
        for (int i = count - 2; i >= 0; i--) {
            String part = Integer.toString(chunks[i]);
            out.append("000000000", 0, 9 - part.length()).append(part);
        }
        return out.toString();
    }

    /** Decodes a sequence number; null if it is not one of ours (wrong layout or not a number). */
    public static SequenceNumber parseOrNull(String text) {
        if (text == null || text.isEmpty() || text.length() > 40) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        BigInteger value = new BigInteger(text);
        if (value.bitLength() > 128) {
            return null;
        }
        long high = value.shiftRight(64).longValue();
        long low = value.longValue();
        if ((high & 0xFFFF_FFFF_0000_0000L) != VERSION_BITS || low < 0 || (high & 0xFFFF_FFFFL) > Integer.MAX_VALUE) {
            return null;
        }
        return new SequenceNumber((int) (high & 0xFFFF_FFFFL), low);
    }

    @Override
    public String toString() {
        return format();
    }
}
