package io.sluice.engine;

import io.sluice.common.SequenceNumber;
import io.sluice.common.ShardId;

/** Where one record was stored, and whether it was stored encrypted. */
public record PutResult(ShardId shardId, SequenceNumber sequenceNumber, boolean encrypted) {
}
