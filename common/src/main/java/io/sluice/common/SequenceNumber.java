package io.sluice.common;

import java.math.BigInteger;

/**
 * The sequence-number codec. A sequence number names a position in one shard: the shard's index and a position
 * that decodes to a log offset in O(1). Position 0 is the shard's start, before its first record (the shard's
 * StartingSequenceNumber); the record at log offset {@code o} has position {@code o + 1}. So AFTER a number means
 * log offset {@code position}, and AT a record's number means log offset {@code position - 1}.
 *
 * <p>Two layouts exist; a stream issues the one recorded in its metadata for its whole life, and {@link #parseOrNull}
 * reads both, so a number handed out by either stays valid input everywhere.
 *
 * <p>{@link Layout#AWS_56} (streams created from Sluice 0.2 on): a 186-bit unsigned integer printed in decimal,
 * always 56 digits like AWS's:
 * <pre>
 *   bit  185       1, so every number has exactly 186 bits and 56 digits
 *   bit  184       0  (bits 187..184 read as 4 bits give 2, the version the KCL checks)
 *   bits 183..132  reserved, zero
 *   bits 131..100  shard index (unsigned 32 bits): children sort after their parents
 *   bits  99..36   position in the shard (non-negative 64 bits)
 *   bits  35..4    shard index again, where the KCL's SequenceNumberValidator reads the shard id
 *   bits   3..0    zero
 * </pre>
 *
 * <p>{@link Layout#COMPACT_38} (streams created before; kept by them): a 128-bit unsigned integer printed in
 * decimal, always 38 digits:
 * <pre>
 *   bits 127..124  version, always 2
 *   bits 123..96   reserved, zero
 *   bits  95..64   shard index (unsigned 32 bits)
 *   bits  63..0    position in the shard (non-negative)
 * </pre>
 * The KCL does not recognise this one (it is not 186 bits) and so skips its shard check.
 *
 * <p>In both layouts, within a shard the numbers increase with the position, numerically and as strings (every
 * number of a layout has the same length); across a stream they are unique because the shard index is part of
 * them; and children created by resharding sort after their parents because their index is higher. A text decodes
 * only if it is exactly what {@link #format()} prints for the fields it decodes to. Immutable.
 */
public record SequenceNumber(Layout layout, int shardIndex, long position) {

    /** How a stream's sequence numbers are written. */
    public enum Layout {
        /** 38 digits: what Sluice issued before 0.2. */
        COMPACT_38,
        /** 56 digits, AWS's length, with the shard id where the KCL looks for it. */
        AWS_56;

        /** The number of the record at a log offset. */
        public SequenceNumber ofRecord(int shardIndex, long logOffset) {
            return new SequenceNumber(this, shardIndex, logOffset + 1);
        }

        /** The number that comes just before the record at a log offset (the shard's start for offset 0). */
        public SequenceNumber before(int shardIndex, long logOffset) {
            return new SequenceNumber(this, shardIndex, logOffset);
        }
    }

    private static final long COMPACT_VERSION_BITS = 2L << 60;
    private static final long AWS_TOP_BIT = 1L << 57; // bit 185 of the number, in its bits 191..128
    private static final long BILLION = 1_000_000_000L;
    private static final int MAX_DIGITS = 56;

    public SequenceNumber {
        if (layout == null) {
            throw new IllegalArgumentException("no layout");
        }
        if (shardIndex < 0 || position < 0) {
            throw new IllegalArgumentException("negative shard index or position");
        }
    }

    /**
     * The decimal form clients see. Written on every put and read of every record, so it avoids BigInteger: the
     * value is cut into 32-bit limbs and divided by 10^9 until nothing is left.
     */
    public String format() {
        long shard = shardIndex & 0xFFFF_FFFFL;
        long high;
        long middle;
        long low;
        if (layout == Layout.COMPACT_38) {
            high = 0;
            middle = COMPACT_VERSION_BITS | shard;
            low = position;
        } else {
            high = AWS_TOP_BIT | (shard >>> 28);
            middle = (shard << 36) | (position >>> 28);
            low = (position << 36) | (shard << 4);
        }
        return decimal(new long[] {high >>> 32, high & 0xFFFF_FFFFL, middle >>> 32, middle & 0xFFFF_FFFFL,
                low >>> 32, low & 0xFFFF_FFFFL});
    }

    private static String decimal(long[] limbs) {
        int[] chunks = new int[8];
        int count = 0;
        while (!isZero(limbs)) {
            long remainder = 0;
            for (int i = 0; i < limbs.length; i++) {
                long current = (remainder << 32) | limbs[i];
                limbs[i] = current / BILLION;
                remainder = current % BILLION;
            }
            chunks[count++] = (int) remainder;
        }
        StringBuilder out = new StringBuilder(MAX_DIGITS).append(chunks[count - 1]);
        for (int i = count - 2; i >= 0; i--) {
            String part = Integer.toString(chunks[i]);
            out.append("000000000", 0, 9 - part.length()).append(part);
        }
        return out.toString();
    }

    private static boolean isZero(long[] limbs) {
        for (long limb : limbs) {
            if (limb != 0) {
                return false;
            }
        }
        return true;
    }

    /** Decodes a sequence number of either layout; null if it is not one of ours (wrong layout or not a number). */
    public static SequenceNumber parseOrNull(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_DIGITS) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        BigInteger value = new BigInteger(text);
        long high = value.shiftRight(128).longValue();
        long middle = value.shiftRight(64).longValue();
        long low = value.longValue();
        SequenceNumber decoded = value.bitLength() == 186 ? awsFields(high, middle, low)
                : value.bitLength() <= 128 ? compactFields(middle, low) : null;
        return decoded != null && decoded.format().equals(text) ? decoded : null;
    }

    private static SequenceNumber compactFields(long middle, long low) {
        long shard = middle & 0xFFFF_FFFFL;
        if ((middle & 0xFFFF_FFFF_0000_0000L) != COMPACT_VERSION_BITS || low < 0 || shard > Integer.MAX_VALUE) {
            return null;
        }
        return new SequenceNumber(Layout.COMPACT_38, (int) shard, low);
    }

    private static SequenceNumber awsFields(long high, long middle, long low) {
        long shard = (low >>> 4) & 0xFFFF_FFFFL;
        long position = ((middle & 0xF_FFFF_FFFFL) << 28) | (low >>> 36);
        if (shard > Integer.MAX_VALUE || position < 0) {
            return null;
        }
        return new SequenceNumber(Layout.AWS_56, (int) shard, position);
    }

    @Override
    public String toString() {
        return format();
    }
}
