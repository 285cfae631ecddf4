package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.ServiceException;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies a reshard planned by {@link Resharder}: publishes the new shards (parents closed, so new puts go to the
 * children), waits for the appends routed to the parents before that, then records where each parent ends. Used
 * by the API's SplitShard, MergeShards and UpdateShardCount ({@link ShardControl}) and by on-demand scaling
 * ({@link Maintenance}).
 *
 * <p>Threading: thread-safe. A reshard holds the registry's change lock from planning to the recorded ends,
 * including the wait for the parents' last appends: no other change (another reshard, a setting) may publish
 * metadata between the new shards and the parents' ends, or the ends would be recorded on a stale version. That
 * lock is a {@link java.util.concurrent.locks.ReentrantLock}, so the waiting virtual thread does not pin its
 * carrier, and the wait is bounded by one group commit.
 */
final class Resharding {

    /** Who asks: only the on-demand scaler may reshard an ON_DEMAND stream. */
    enum Origin { API, SCALER }

    /** Plans a reshard of the stream's current metadata. */
    interface Planner {
        Resharder.Plan plan(StreamMeta meta, long now);
    }

    private final StreamRegistry registry;
    private final Quotas quotas;
    private final EngineConfig config;
    private final Clock clock;

    Resharding(StreamRegistry registry, Quotas quotas, EngineConfig config, Clock clock) {
        this.registry = registry;
        this.quotas = quotas;
        this.config = config;
        this.clock = clock;
    }

    void apply(StreamKey key, Planner planner, Origin origin) {
        registry.change(() -> {
            OpenStream stream = registry.existing(key);
            StreamMeta meta = stream.meta();
            long now = clock.millis();
            StreamStatus status = meta.status(now);
            if (status != StreamStatus.ACTIVE) {
                throw Messages.notActive(key, status);
            }
            if (meta.mode() == StreamMode.ON_DEMAND && origin != Origin.SCALER) {
                throw ServiceException.validation("Resharding is not supported on a stream in ON_DEMAND mode.");
            }
            Resharder.Plan plan = planner.plan(meta, now);
            int added = (int) plan.shards().stream().filter(ShardMeta::isOpen).count() - meta.openShardCount();
            if (added > 0) {
                quotas.checkShards(key, added);
            }
            StreamMeta next = meta.toBuilder().shards(plan.shards(), plan.nextShardIndex())
                    .updatingUntil(now + config.updateDelayMillis()).build();
            OpenStream published;
            stream.gate().enterReshard();
            try {
                published = Io.get(() -> registry.update(next));
            } finally {
                stream.gate().exitReshard();
            }
            plan.closedShards().forEach(stream.gate()::drain);
            Io.run(() -> registry.update(sealClosedShards(published)));
        });
    }

    /** Fixes the end of every closed shard whose appends have all landed. */
    static StreamMeta sealClosedShards(OpenStream stream) {
        List<ShardMeta> shards = new ArrayList<>();
        for (ShardMeta shard : stream.meta().shards()) {
            boolean pending = !shard.isOpen() && !shard.isSealed();
            shards.add(pending ? shard.sealed(stream.log(shard.id().index()).endOffset()) : shard);
        }
        return stream.meta().toBuilder().shards(shards, stream.meta().nextShardIndex()).build();
    }
}
