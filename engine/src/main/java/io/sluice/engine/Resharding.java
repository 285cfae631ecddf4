package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.ServiceException;


/**
 * Applies a reshard planned by {@link Resharder} in two atomic metadata changes. The first publishes the new
 * shards (parents closed, so new puts go to the children); then this node waits for the appends it routed to the
 * parents before that, and the second change seals each parent ({@link StreamRegistry#sealClosedShards}) and
 * records its end. On a log shared by several nodes, a node that has not yet seen the first change may still
 * append to a parent: the seal marker cuts those appends off, and the writer puts them again through the children
 * ({@link RecordWriter}). The second change works on the stream's metadata as it is then, so a change in between
 * (another reshard, a setting) is never overwritten; a node that dies between the two leaves closed shards
 * without ends, which any node seals later (at start, or in the retention task). Used by the API's SplitShard,
 * MergeShards and UpdateShardCount ({@link ShardControl}) and by on-demand scaling ({@link Maintenance}).
 *
 * <p>Threading: thread-safe; each change holds the registry's change lock, a
 * {@link java.util.concurrent.locks.ReentrantLock}, so a virtual thread waiting inside does not pin its carrier.
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
        Resharder.Plan applied = registry.change(() -> {
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
            stream.gate().enterReshard();
            try {
                Io.run(() -> registry.update(next));
            } finally {
                stream.gate().exitReshard();
            }
            return plan;
        });
        // the closing is committed before any shard is sealed: a node that appends to a parent and does not see
        // it closed afterwards appended before the seal
        OpenStream published = registry.existing(key);
        applied.closedShards().forEach(published.gate()::drain);
        registry.sealClosedShards(key);
    }
}
