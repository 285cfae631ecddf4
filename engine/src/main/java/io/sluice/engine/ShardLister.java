package io.sluice.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which shards ListShards shows for a ShardFilter, as AWS defines them. Closed shards whose records have all
 * passed the retention period are never shown. Stateless.
 */
final class ShardLister {

    private ShardLister() {
    }

    /** Shards of the stream that pass the filter (null = FROM_TRIM_HORIZON), in shard-id order. */
    static List<ShardMeta> select(StreamMeta meta, ShardFilter filter, long now) {
        long trimHorizon = Math.max(now - meta.retentionMillis(), meta.createdAt());
        List<ShardMeta> selected = new ArrayList<>();
        for (ShardMeta shard : meta.shards()) {
            boolean retained = shard.isOpen() || shard.closedAt() >= now - meta.retentionMillis();
            if (retained && passes(shard, filter, trimHorizon, meta.createdAt())) {
                selected.add(shard);
            }
        }
        selected.sort(Comparator.comparing(ShardMeta::id));
        return selected;
    }

    private static boolean passes(ShardMeta shard, ShardFilter filter, long trimHorizon, long streamCreatedAt) {
        if (filter == null) {
            return true;
        }
        return switch (filter.type()) {
            case FROM_TRIM_HORIZON -> true;
            case AFTER_SHARD_ID -> true;
            case AT_LATEST -> shard.isOpen();
            case AT_TRIM_HORIZON -> openAt(shard, trimHorizon);
            case AT_TIMESTAMP -> openAt(shard, Math.max(filter.timestampMillis(), streamCreatedAt));
            case FROM_TIMESTAMP -> shard.isOpen() || shard.closedAt() >= Math.max(filter.timestampMillis(), trimHorizon);
        };
    }

    private static boolean openAt(ShardMeta shard, long time) {
        return shard.createdAt() <= time && (shard.isOpen() || shard.closedAt() > time);
    }
}
