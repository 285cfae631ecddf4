package io.sluice.engine;

import java.util.concurrent.CompletableFuture;

/**
 * Wakes the fan-out subscriptions of a shard when records are appended. A subscriber takes {@link #next()} BEFORE
 * it reads, so an append that lands between its read and its wait still wakes it. Thread-safe; both methods are
 * synchronized so that no future is replaced without being completed.
 */
final class ShardSignal {

    private CompletableFuture<Void> next = new CompletableFuture<>();

    synchronized CompletableFuture<Void> next() {
        return next;
    }

    synchronized void appended() {
        CompletableFuture<Void> fired = next;
        next = new CompletableFuture<>();
        fired.complete(null);
    }
}
