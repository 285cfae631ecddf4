package io.sluice.engine;

import java.util.List;

/**
 * Records read from a shard and where reading goes on. {@code atEnd}: the shard is sealed and read to its end,
 * and {@code childShards} name where to go next.
 */
record ReadBatch(List<ReadRecord> records, long nextOffset, long bytes, long millisBehindLatest, boolean atEnd,
                 List<ChildShard> childShards) {
}
