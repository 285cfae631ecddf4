package io.sluice.engine;

import io.sluice.common.HashKeyRange;
import io.sluice.common.ServiceException;
import io.sluice.common.ShardId;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans resharding as AWS does it: a split closes one shard and opens two children over its halves; a merge closes
 * two adjacent shards and opens one child over their union; uniform scaling to N shards is a series of splits at
 * the boundaries of an even N-way split followed by merges inside each target range, so every new shard has at
 * most two parents (short-lived intermediate shards appear, as in AWS). Stateless; works on copies.
 */
final class Resharder {

    /** The shards after the change, the next free index, and the pre-existing shards it closed. */
    record Plan(List<ShardMeta> shards, int nextShardIndex, List<Integer> closedShards) {
    }

    private final List<ShardMeta> shards;
    private final List<Integer> closed = new ArrayList<>();
    private final StreamKey stream;
    private final long now;
    private final int firstNewIndex;
    private int nextIndex;

    private Resharder(StreamMeta meta, long now) {
        this.shards = new ArrayList<>(meta.shards());
        this.stream = meta.key();
        this.now = now;
        this.firstNewIndex = meta.nextShardIndex();
        this.nextIndex = meta.nextShardIndex();
    }

    static Plan split(StreamMeta meta, String shardId, BigInteger newStartingHashKey, long now) {
        Resharder r = new Resharder(meta, now);
        ShardMeta parent = r.openShard(shardId);
        BigInteger start = parent.range().start();
        BigInteger end = parent.range().end();
        if (newStartingHashKey.compareTo(start.add(BigInteger.ONE)) <= 0 || newStartingHashKey.compareTo(end) >= 0) {
            throw ServiceException.invalidArgument("NewStartingHashKey " + newStartingHashKey + " used in SplitShard() "
                    + "on shard " + parent.id() + " in stream " + meta.key().name() + " under account "
                    + meta.key().account() + " is not both greater than one plus the shard's StartingHashKey " + start
                    + " and less than the shard's EndingHashKey " + end + ".");
        }
        r.doSplit(parent, newStartingHashKey);
        return r.plan();
    }

    static Plan merge(StreamMeta meta, String shardId, String adjacentShardId, long now) {
        Resharder r = new Resharder(meta, now);
        ShardMeta first = r.openShard(shardId);
        ShardMeta second = r.openShard(adjacentShardId);
        boolean adjacent = first.range().end().add(BigInteger.ONE).equals(second.range().start())
                || second.range().end().add(BigInteger.ONE).equals(first.range().start());
        if (!adjacent || first.id().equals(second.id())) {
            throw ServiceException.invalidArgument("Shards " + first.id() + " and " + second.id() + " in stream "
                    + meta.key().name() + " under account " + meta.key().account()
                    + " are not an adjacent pair of shards eligible for merging");
        }
        r.doMerge(first, second);
        return r.plan();
    }

    static Plan uniform(StreamMeta meta, int target, long now) {
        Resharder r = new Resharder(meta, now);
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(target);
        for (HashKeyRange range : ranges.subList(1, ranges.size())) {
            BigInteger boundary = range.start();
            for (ShardMeta shard : r.open()) {
                if (shard.range().start().compareTo(boundary) < 0 && shard.range().end().compareTo(boundary) >= 0) {
                    r.doSplit(shard, boundary);
                    break;
                }
            }
        }
        for (HashKeyRange range : ranges) {
            List<ShardMeta> inside = r.open().stream().filter(s -> range.contains(s.range().start())).toList();
            ShardMeta merged = inside.getFirst();
            for (ShardMeta next : inside.subList(1, inside.size())) {
                merged = r.doMerge(merged, next);
            }
        }
        return r.plan();
    }

    private ShardMeta openShard(String shardId) {
        ShardId id = ShardId.parseOrNull(shardId);
        ShardMeta shard = shards.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
        if (shard == null) {
            throw Messages.shardNotFound(stream, shardId);
        }
        if (!shard.isOpen()) {
            throw ServiceException.invalidArgument("Shard " + shard.id() + " in stream " + stream.name()
                    + " under account " + stream.account() + " has already been merged or split, and thus is not "
                    + "eligible for merging or splitting.");
        }
        return shard;
    }

    private List<ShardMeta> open() {
        return shards.stream().filter(ShardMeta::isOpen).sorted(Comparator.comparing(s -> s.range().start()))
                .toList();
    }

    private void doSplit(ShardMeta parent, BigInteger key) {
        close(parent);
        add(new HashKeyRange(parent.range().start(), key.subtract(BigInteger.ONE)), parent.id(), null);
        add(new HashKeyRange(key, parent.range().end()), parent.id(), null);
    }

    private ShardMeta doMerge(ShardMeta shard, ShardMeta adjacent) {
        close(shard);
        close(adjacent);
        BigInteger start = shard.range().start().min(adjacent.range().start());
        BigInteger end = shard.range().end().max(adjacent.range().end());
        return add(new HashKeyRange(start, end), shard.id(), adjacent.id());
    }

    private void close(ShardMeta shard) {
        boolean createdHere = shard.id().index() >= firstNewIndex;
        // a shard born and closed within this plan never took a write, so its end is known at once
        ShardMeta closedShard = createdHere ? shard.closed(now).sealed(0) : shard.closed(now);
        shards.set(shards.indexOf(shard), closedShard);
        if (!createdHere) {
            closed.add(shard.id().index());
        }
    }

    private ShardMeta add(HashKeyRange range, ShardId parent, ShardId adjacentParent) {
        ShardMeta child = new ShardMeta(new ShardId(nextIndex++), range, parent, adjacentParent, now, -1, -1);
        shards.add(child);
        return child;
    }

    private Plan plan() {
        return new Plan(shards, nextIndex, closed);
    }
}
