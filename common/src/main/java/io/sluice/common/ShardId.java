package io.sluice.common;

/**
 * A shard's identity within its stream: an index that never repeats, written {@code shardId-000000000042}.
 */
public record ShardId(int index) implements Comparable<ShardId> {

    private static final String PREFIX = "shardId-";

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

    @Override
    public String toString() {
        String digits = Integer.toString(index);
        return PREFIX + "0".repeat(12 - digits.length()) + digits;
    }

    @Override
    public int compareTo(ShardId other) {
        return Integer.compare(index, other.index);
    }
}
