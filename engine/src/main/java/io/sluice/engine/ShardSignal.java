package io.sluice.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wakes the fan-out subscriptions of a shard when records are appended. A subscriber takes {@link #next()} BEFORE
 * it reads, so an append that lands between its read and its wait still wakes it. Thread-safe and lock-free: an
 * append swaps in a fresh future atomically and completes the one it replaced, so no future is replaced without
 * being completed.
 */
final class ShardSignal {

    private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>(new CompletableFuture<>());

    CompletableFuture<Void> next() {
        return next.get();
    }

    void appended() {
        next.getAndSet(new CompletableFuture<>()).complete(null);
    }
}
