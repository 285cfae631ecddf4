package io.sluice.mappings.poll;

import java.util.List;
import java.util.Objects;

/**
 * Where a mapping resumes reading one shard, and the tumbling-window state it carries. Immutable.
 *
 * @param kind          how {@code sequenceNumber} and {@code fromMillis} are read
 * @param sequenceNumber for {@link Kind#AFTER_SEQUENCE}: every record up to it is done; else null
 * @param fromMillis    for {@link Kind#FROM_TIMESTAMP}: read from the first record that arrived at or after it;
 *                      else 0
 * @param windows       the open tumbling windows of the shard's slices
 */
record Checkpoint(Kind kind, String sequenceNumber, long fromMillis, List<WindowState> windows) {

    enum Kind {
        /** Nothing read yet: start at the shard's first record. */
        FROM_START,
        /** Nothing read yet: start at the first record that arrived at or after {@code fromMillis}. */
        FROM_TIMESTAMP,
        /** Resume after {@code sequenceNumber}. */
        AFTER_SEQUENCE,
        /** The shard is closed and every record of it is done: its children may start. */
        SHARD_END
    }

    /**
     * The state a function returned for a slice's open window.
     *
     * @param slice       the ParallelizationFactor slice
     * @param windowStart the window's start, epoch millis
     * @param state       the {@code state} object the function returned, as JSON
     */
    record WindowState(int slice, long windowStart, byte[] state) {
        WindowState {
            Objects.requireNonNull(state, "state");
        }
    }

    Checkpoint {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.AFTER_SEQUENCE) != (sequenceNumber != null)) {
            throw new IllegalArgumentException("a sequence number goes with AFTER_SEQUENCE only");
        }
        windows = List.copyOf(windows);
    }

    static Checkpoint fromStart() {
        return new Checkpoint(Kind.FROM_START, null, 0, List.of());
    }

    static Checkpoint fromTimestamp(long millis) {
        return new Checkpoint(Kind.FROM_TIMESTAMP, null, millis, List.of());
    }

    static Checkpoint after(String sequenceNumber, List<WindowState> windows) {
        return new Checkpoint(Kind.AFTER_SEQUENCE, sequenceNumber, 0, windows);
    }

    static Checkpoint shardEnd() {
        return new Checkpoint(Kind.SHARD_END, null, 0, List.of());
    }

    /** The same position with other window states. */
    Checkpoint withWindows(List<WindowState> newWindows) {
        return new Checkpoint(kind, sequenceNumber, fromMillis, newWindows);
    }

    boolean ended() {
        return kind == Kind.SHARD_END;
    }
}
