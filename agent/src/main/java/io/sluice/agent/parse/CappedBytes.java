package io.sluice.agent.parse;

import java.util.Arrays;

/**
 * A growing byte buffer that keeps at most {@code cap} bytes but counts all appended, so that a line or record far
 * over the record size limit costs no more memory than the limit. Not thread-safe.
 */
final class CappedBytes {

    private final int cap;
    private byte[] bytes = new byte[256];
    private int kept;
    private long length;
    private byte last;

    CappedBytes(int cap) {
        this.cap = cap;
    }

    void append(byte[] source, int offset, int count) {
        if (count <= 0) {
            return;
        }
        int keep = (int) Math.min(count, cap - kept);
        if (keep > 0) {
            if (kept + keep > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(cap, Math.max(kept + keep, bytes.length * 2)));
            }
            System.arraycopy(source, offset, bytes, kept, keep);
            kept += keep;
        }
        length += count;
        last = source[offset + count - 1];
    }

    void append(CappedBytes other) {
        long before = length;
        append(other.bytes, 0, other.kept);
        length = before + other.length;
        if (other.length > 0) {
            last = other.last;
        }
    }

    /** Every byte appended, kept or not. */
    long length() {
        return length;
    }

    /** The last byte appended (kept or not); meaningless when empty. */
    byte last() {
        return last;
    }

    /** The byte at {@code index} of the kept prefix. */
    byte at(int index) {
        return bytes[index];
    }

    /** The bytes kept, at most {@code cap}. */
    int kept() {
        return kept;
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        kept = 0;
        length = 0;
    }
}
