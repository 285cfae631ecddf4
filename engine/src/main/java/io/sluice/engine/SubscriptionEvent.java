package io.sluice.engine;

import io.sluice.common.SequenceNumber;

import java.util.List;

/**
 * One SubscribeToShardEvent: records (maybe none: a heartbeat), the continuation to resubscribe from (null once a
 * closed shard has been read to its end, and then {@code childShards} say where to go on), and the lag.
 */
public record SubscriptionEvent(List<ReadRecord> records, SequenceNumber continuation, long millisBehindLatest,
                                List<ChildShard> childShards) {
}
