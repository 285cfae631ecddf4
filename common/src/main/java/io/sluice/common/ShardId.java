package io.sluice.common;

import java.nio.charset.StandardCharsets;

/**
 * A shard's identity within its stream: an index that never repeats, written {@code shardId-000000000042}.
 */
public record ShardId(int index) implements Comparable<ShardId> {

    private static final String PREFIX = "shardId-";
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int DIGITS = 12;

    /** The length of every shard id's text: the prefix and 12 digits. */
    public static final int LENGTH = PREFIX.length() + DIGITS;

    public ShardId {
        if (index < 0) {
            throw new IllegalArgumentException("negative shard index " + index);
        }
    }

    /** Parses {@code shardId-<digits>}; AWS also accepts the bare digits, so do we. Returns null if neither. */
    public static ShardId parseOrNull(String text) {
        String digits = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        if (digits.isEmpty() || digits.length() > 12) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return null;
            }
        }
        long value = Long.parseLong(digits);
        return value > Integer.MAX_VALUE ? null : new ShardId((int) value);
    }

    /**
     * Writes what {@link #toString()} gives, as ASCII bytes, into {@code out} from {@code offset}; returns
     * {@link #LENGTH}. Allocates nothing: PutRecords answers one per record.
     */
    public int formatTo(byte[] out, int offset) {
        System.arraycopy(PREFIX_BYTES, 0, out, offset, PREFIX_BYTES.length);
        int value = index;
        for (int i = offset + LENGTH - 1; i >= offset + PREFIX_BYTES.length; i--) {
            int rest = value / 10;
            out[i] = (byte) ('0' + value - rest * 10);
            value = rest;
        }
        return LENGTH;
    }

    @Override
    public String toString() {
        byte[] text = new byte[LENGTH];
        formatTo(text, 0);
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    @Override
    public int compareTo(ShardId other) {
        return Integer.compare(index, other.index);
    }
}
