package io.sluice.engine;

import io.sluice.common.HashKeyRange;
import io.sluice.common.SequenceNumber;
import io.sluice.common.ShardId;

/**
 * One shard of a stream as the metadata store keeps it.
 *
 * @param parent          the shard it was split or merged from, or null
 * @param adjacentParent  the other parent of a merge, or null
 * @param createdAt       epoch millis the shard opened
 * @param closedAt        epoch millis the shard closed, or -1 while open
 * @param endOffset       the offset after its last record once closed and drained, or -1 while open and during
 *                        the moment between closing and draining the appends routed to it before it closed
 * @param sequenceLayout  its stream's sequence-number layout (a {@link StreamMeta} stamps its own on its shards)
 */
public record ShardMeta(ShardId id, HashKeyRange range, ShardId parent, ShardId adjacentParent, long createdAt,
                        long closedAt, long endOffset, SequenceNumber.Layout sequenceLayout) {

    /** A shard in the current layout, until a stream's metadata stamps the stream's own. */
    public ShardMeta(ShardId id, HashKeyRange range, ShardId parent, ShardId adjacentParent, long createdAt,
                     long closedAt, long endOffset) {
        this(id, range, parent, adjacentParent, createdAt, closedAt, endOffset, SequenceNumber.Layout.AWS_56);
    }

    public boolean isOpen() {
        return closedAt < 0;
    }

    /** Closed, and every record it will ever hold is in its log: reads can report its end. */
    public boolean isSealed() {
        return closedAt >= 0 && endOffset >= 0;
    }

    public ShardMeta closed(long at) {
        return new ShardMeta(id, range, parent, adjacentParent, createdAt, at, -1, sequenceLayout);
    }

    public ShardMeta sealed(long end) {
        return new ShardMeta(id, range, parent, adjacentParent, createdAt, closedAt, end, sequenceLayout);
    }

    ShardMeta inLayout(SequenceNumber.Layout layout) {
        return layout == sequenceLayout ? this
                : new ShardMeta(id, range, parent, adjacentParent, createdAt, closedAt, endOffset, layout);
    }

    /** The shard's start: a position before its first record. */
    public SequenceNumber startingSequenceNumber() {
        return sequenceLayout.before(id.index(), 0);
    }

    /** The sequence number of the last record of a sealed shard (its start if it closed empty). */
    public SequenceNumber endingSequenceNumber() {
        return sequenceLayout.before(id.index(), endOffset);
    }
}
