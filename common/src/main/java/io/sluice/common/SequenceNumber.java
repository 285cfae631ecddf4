package io.sluice.common;

import java.math.BigInteger;

/**
 * The sequence-number codec. A sequence number names one record: the shard that holds it and its offset in
 * that shard's log, so that it decodes to a log position in O(1).
 *
 * <p>Layout, as a 128-bit unsigned integer printed in decimal (38 digits):
 * <pre>
 *   bits 127..124  version, always 2
 *   bits 123..96   reserved, zero
 *   bits  95..64   shard index (unsigned 32 bits)
 *   bits  63..0    offset in the shard's log (non-negative)
 * </pre>
 * Within a shard the numbers increase with the offset; across a stream they are unique because the shard index
 * is part of them; and children created by resharding sort after their parents because their index is higher.
 */
public record SequenceNumber(int shardIndex, long offset) {

    private static final long VERSION_BITS = 2L << 60;
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    public SequenceNumber {
        if (shardIndex < 0 || offset < 0) {
            throw new IllegalArgumentException("negative shard index or offset");
        }
    }

    /** The decimal form clients see. */
    public String format() {
        long high = VERSION_BITS | (shardIndex & 0xFFFF_FFFFL);
        return BigInteger.valueOf(high).multiply(TWO_64).add(BigInteger.valueOf(offset)).toString();
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
