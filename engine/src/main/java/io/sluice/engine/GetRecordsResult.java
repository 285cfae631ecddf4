package io.sluice.engine;

import java.util.List;

/**
 * @param nextShardIterator null once a closed shard has been read to its end; {@code childShards} then says
 *                          where to go on
 */
public record GetRecordsResult(List<ReadRecord> records, String nextShardIterator, long millisBehindLatest,
                               List<ChildShard> childShards) {
}
