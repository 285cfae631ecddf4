package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.common.ShardId;

import java.math.BigInteger;
import java.util.List;

/**
 * The control plane of shards: ListShards, the shards DescribeStream shows, and resharding (SplitShard,
 * MergeShards, UpdateShardCount), which {@link Resharding} applies.
 *
 * <p>Threading: thread-safe; reads are lock-free, reshards serialise with every other change.
 */
public final class ShardControl {

    private static final int MAX_SHARDS_PER_STREAM = 10_000;

    private final StreamRegistry registry;
    private final Resharding resharding;
    private final PageTokens pageTokens;
    private final Clock clock;

    ShardControl(StreamRegistry registry, Resharding resharding, PageTokens pageTokens, Clock clock) {
        this.registry = registry;
        this.resharding = resharding;
        this.pageTokens = pageTokens;
        this.clock = clock;
    }

    /** The shards DescribeStream shows: those within retention, after the exclusive start. */
    public List<ShardMeta> describe(StreamMeta meta, String exclusiveStartShardId) {
        return afterShard(ShardLister.select(meta, null, clock.millis()), exclusiveStartShardId);
    }

    /**
     * ListShards. Either {@code key} (a first page) or {@code nextToken} (a later one) is given; the filter and
     * exclusive start apply to first pages, later pages carry them in the token.
     */
    public ShardPage list(StreamKey key, String nextToken, String exclusiveStartShardId, int maxResults,
                          ShardFilter filter) {
        long now = clock.millis();
        StreamMeta meta;
        String after;
        ShardFilter effective;
        if (nextToken != null) {
            PageToken token = pageTokens.open(nextToken, now);
            meta = registry.existing(token.scope()).meta();
            if (meta.createdAt() != token.streamCreatedAt()) {
                throw Messages.streamNotFound(token.scope());
            }
            after = token.lastItem();
            effective = token.filter();
        } else {
            meta = registry.existing(key).meta();
            effective = filter;
            after = exclusiveStartShardId;
            if (filter != null && filter.type() == ShardFilter.Type.AFTER_SHARD_ID) {
                if (filter.shardId() == null) {
                    throw ServiceException.invalidArgument("ShardId must be specified for ShardFilter type "
                            + "AFTER_SHARD_ID.");
                }
                after = filter.shardId();
            }
            if (filter != null && filter.timestampMillis() < 0 && (filter.type() == ShardFilter.Type.AT_TIMESTAMP
                    || filter.type() == ShardFilter.Type.FROM_TIMESTAMP)) {
                throw ServiceException.invalidArgument("Timestamp must be specified for ShardFilter type "
                        + filter.type() + ".");
            }
        }
        List<ShardMeta> selected = afterShard(ShardLister.select(meta, effective, now), after);
        if (selected.size() <= maxResults) {
            return new ShardPage(selected, null);
        }
        List<ShardMeta> page = List.copyOf(selected.subList(0, maxResults));
        String next = pageTokens.seal(new PageToken(meta.key(), meta.createdAt(), page.getLast().id().toString(),
                effective, now).encode());
        return new ShardPage(page, next);
    }

    public void split(StreamKey key, String shardToSplit, BigInteger newStartingHashKey) {
        resharding.apply(key, (meta, now) -> Resharder.split(meta, shardToSplit, newStartingHashKey, now),
                Resharding.Origin.API);
    }

    public void merge(StreamKey key, String shardToMerge, String adjacentShardToMerge) {
        resharding.apply(key, (meta, now) -> Resharder.merge(meta, shardToMerge, adjacentShardToMerge, now),
                Resharding.Origin.API);
    }

    /** UpdateShardCount with UNIFORM_SCALING; returns the open shard count before the change. */
    public int updateShardCount(StreamKey key, int target) {
        int[] current = new int[1];
        resharding.apply(key, (meta, now) -> {
            current[0] = meta.openShardCount();
            if (target > 2 * current[0]) {
                throw ServiceException.invalidArgument("UpdateShardCount cannot scale up over double your current "
                        + "open shard count. Current open shard count: " + current[0] + " Target shard count: "
                        + target);
            }
            if (target * 2 < current[0]) {
                throw ServiceException.invalidArgument("UpdateShardCount cannot scale down below half your current "
                        + "open shard count. Current open shard count: " + current[0] + " Target shard count: "
                        + target);
            }
            if (target > MAX_SHARDS_PER_STREAM) {
                throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "Target shard count " + target
                        + " exceeds the limit of " + MAX_SHARDS_PER_STREAM + " shards per stream.");
            }
            return Resharder.uniform(meta, target, now);
        }, Resharding.Origin.API);
        return current[0];
    }

    private static List<ShardMeta> afterShard(List<ShardMeta> shards, String exclusiveStartShardId) {
        if (exclusiveStartShardId == null) {
            return shards;
        }
        ShardId start = ShardId.parseOrNull(exclusiveStartShardId);
        if (start == null) {
            return shards.stream().filter(s -> s.id().toString().compareTo(exclusiveStartShardId) > 0).toList();
        }
        return shards.stream().filter(s -> s.id().compareTo(start) > 0).toList();
    }
}
