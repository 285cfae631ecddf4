package io.sluice.common;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

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
    /** The most digits a sequence number has (the {@link Layout#AWS_56} layout). */
    public static final int MAX_DIGITS = 56;

    public SequenceNumber {
        if (layout == null) {
            throw new IllegalArgumentException("no layout");
        }
        if (shardIndex < 0 || position < 0) {
            throw new IllegalArgumentException("negative shard index or position");
        }
    }

    /** The decimal form clients see: 56 digits ({@link Layout#AWS_56}) or 38 ({@link Layout#COMPACT_38}). */
    public String format() {
        byte[] digits = new byte[digitCount()];
        SequenceDigits.write(layout, shardIndex, position, digits, 0);
        return new String(digits, StandardCharsets.ISO_8859_1);
    }

    /** How many digits {@link #format()} prints: the same for every number of a layout. */
    public int digitCount() {
        return SequenceDigits.length(layout);
    }

    /**
     * Writes what {@link #format()} prints, as ASCII bytes, into {@code out} from {@code offset}; returns the number
     * of bytes ({@link #digitCount()}). Allocates nothing: the answers of puts and reads write one per record.
     */
    public int formatTo(byte[] out, int offset) {
        SequenceDigits.write(layout, shardIndex, position, out, offset);
        return digitCount();
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
