package io.sluice.engine.limits;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How the nodes of a cluster tell each other what they took from the shards' throughput budgets, so that the
 * limits hold for a shard, not for each node serving it: every node charges the usage other nodes report against
 * its own buckets, and counts it in the shard's ingest (which on-demand scaling reads).
 *
 * <p>The exchange owns the timing. Once {@link #start}ed it asks {@code local} for this node's usage every
 * interval (the engine hands over only the shards that had traffic since the last call, and resets them), sends
 * it to every other node, and hands each other node's report to {@code remote}. A node never receives its own
 * reports. Reports may be lost or late (a node that starts hears only what is reported after it starts); a lost
 * report lets the shards it named admit that much more, never less.
 *
 * <p>Precision: a node learns of another node's usage one exchange delay late (the interval plus the transport's
 * latency), so over any window a shard admits at most its limit, plus one second's burst, plus what the other
 * nodes admitted within the last exchange delay. Long-run rates stay at the limit, since all usage is charged on
 * every node in the end.
 *
 * <p>{@link #NONE} (one node): never calls either function, so the engine keeps no usage tallies at all.
 *
 * <p>Threading: {@code local} and {@code remote} are called from the exchange's own thread(s), one call at a
 * time; {@link #start} once, {@link #close} from any thread, after which neither is called again.
 */
public interface UsageExchange extends AutoCloseable {

    /** No other nodes: nothing to exchange. */
    UsageExchange NONE = new UsageExchange() {
        @Override
        public boolean shared() {
            return false;
        }

        @Override
        public void start(Supplier<List<ShardUsage>> local, Consumer<List<ShardUsage>> remote) {
        }

        @Override
        public void close() {
        }
    };

    /** Whether other nodes take part, so the engine must tally its usage for them. */
    default boolean shared() {
        return true;
    }

    /**
     * Starts exchanging.
     *
     * @param local  this node's usage since the previous call: shards with none are left out
     * @param remote takes one other node's report
     */
    void start(Supplier<List<ShardUsage>> local, Consumer<List<ShardUsage>> remote);

    /** Stops exchanging; idempotent. */
    @Override
    void close();
}
