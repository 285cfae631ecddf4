package io.sluice.engine;

import io.sluice.engine.limits.ShardUsage;
import io.sluice.engine.limits.UsageExchange;
import io.sluice.engine.limits.UsageTally;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's side of the {@link UsageExchange}: collects this node's usage from the shards' tallies for the
 * exchange to send, and applies the usage other nodes report: charged against the shard's budget (so the shard's
 * limits hold across the nodes) and counted in its ingest meter (so on-demand scaling, which runs on one node,
 * sees the whole stream's ingest).
 *
 * <p>Usage for a stream or shard this node does not know (yet) is dropped: another node may have created it a
 * moment ago, and this node charges only what comes after it follows the change. Usage for another incarnation
 * of a stream name is dropped too.
 *
 * <p>Threading: called by the exchange's thread; reads the registry's lock-free view and the shards' thread-safe
 * tallies, budgets and meters, so it runs alongside puts and reads.
 */
final class SharedBudgets {

    private final StreamRegistry registry;

    SharedBudgets(StreamRegistry registry) {
        this.registry = registry;
    }

    /** This node's usage since the last call, one entry per shard that had any; resets the tallies. */
    List<ShardUsage> drain() {
        List<ShardUsage> usage = new ArrayList<>();
        for (OpenStream stream : registry.snapshot()) {
            StreamKey key = stream.meta().key();
            long createdAt = stream.meta().createdAt();
            for (Map.Entry<Integer, ShardRuntime> shard : stream.shards().entrySet()) {
                UsageTally tally = shard.getValue().usage();
                ShardUsage taken = tally == null ? null
                        : tally.drain(key.account(), key.region(), key.name(), createdAt, shard.getKey());
                if (taken != null) {
                    usage.add(taken);
                }
            }
        }
        return usage;
    }

    /** Charges another node's report to this node's shards. */
    void apply(List<ShardUsage> report) {
        for (ShardUsage usage : report) {
            OpenStream stream = registry.get(new StreamKey(usage.account(), usage.region(), usage.stream()));
            if (stream == null || stream.meta().createdAt() != usage.streamCreatedAt()) {
                continue;
            }
            ShardRuntime shard = stream.shards().get(usage.shard());
            if (shard == null) {
                continue;
            }
            shard.budget().chargeOthers(usage);
            if (usage.writeRecords() > 0 || usage.writeBytes() > 0) {
                shard.ingest().record((int) Math.min(Integer.MAX_VALUE, usage.writeRecords()), usage.writeBytes());
            }
        }
    }
}
