package io.sluice.engine;

import io.sluice.engine.limits.ShardThroughput;
import io.sluice.engine.limits.UsageTally;
import io.sluice.engine.store.ShardLogHandle;

import java.util.concurrent.CompletableFuture;

/**
 * What a shard has while the server runs: its log, its throughput budget, its ingest meter, the signal that
 * wakes its fan-out subscriptions, and, when other nodes share its budget, the tally of this node's usage that
 * {@link SharedBudgets} reports to them (null on one node, so a put there does no extra work).
 */
record ShardRuntime(ShardLogHandle log, ShardThroughput budget, IngestMeter ingest, ShardSignal signal,
                    UsageTally usage) {

    /**
     * Completes at the next append through this node, or when another node's appends take the log past
     * {@code offset} (on a shared log). Take it BEFORE reading, so an append in between still wakes the reader.
     */
    CompletableFuture<Void> nextAppend(long offset) {
        CompletableFuture<Void> local = signal.next();
        CompletableFuture<Void> remote = log.appendedPast(offset);
        return remote == null ? local : CompletableFuture.anyOf(local, remote).thenApply(any -> null);
    }
}
