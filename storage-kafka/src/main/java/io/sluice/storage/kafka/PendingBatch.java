package io.sluice.storage.kafka;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * One append of several records to one partition, waiting for the producer to acknowledge each. Once every record
 * is acknowledged (or failed), the batch's future completes on the {@code completer} executor, never on the
 * producer's I/O thread: with the offset of its first record if the offsets are contiguous, with an IOException
 * carrying the producer's first error otherwise, or with a {@link NonContiguousAppendException} if another
 * producer's records landed between this batch's (the engine numbers a batch's records from its first offset).
 *
 * <p>Threading: record callbacks may arrive on any thread; each record counts once.
 */
final class PendingBatch {

    private static final long WAITING = -1;
    private static final long FAILED = -2;

    private final TopicPartition partition;
    private final AtomicLongArray offsets;
    private final AtomicInteger remaining;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Executor completer;
    private final LongConsumer acknowledgedEnd;
    private final CompletableFuture<Long> future = new CompletableFuture<>();

    /** @param acknowledgedEnd told the end offset after a batch whose records all landed */
    PendingBatch(TopicPartition partition, int size, Executor completer, LongConsumer acknowledgedEnd) {
        this.partition = partition;
        this.offsets = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            offsets.set(i, WAITING);
        }
        this.remaining = new AtomicInteger(size);
        this.completer = completer;
        this.acknowledgedEnd = acknowledgedEnd;
    }

    CompletableFuture<Long> future() {
        return future;
    }

    /** The producer callback of record {@code index}. */
    Callback callback(int index) {
        return (metadata, exception) -> settle(index, exception == null ? metadata.offset() : FAILED, exception);
    }

    /** Records from {@code index} on were never handed to the producer. */
    void notSent(int index, Exception cause) {
        for (int i = index; i < offsets.length(); i++) {
            settle(i, FAILED, cause);
        }
    }

    private void settle(int index, long offset, Exception exception) {
        if (!offsets.compareAndSet(index, WAITING, offset)) {
            return;
        }
        if (exception != null) {
            failure.compareAndSet(null, exception);
        }
        if (remaining.decrementAndGet() == 0) {
            completer.execute(this::complete);
        }
    }

    private void complete() {
        Exception cause = failure.get();
        if (cause != null) {
            future.completeExceptionally(new IOException("Kafka: append of " + offsets.length() + " records to "
                    + partition + " failed: " + cause.getMessage(), cause));
            return;
        }
        long first = offsets.get(0);
        for (int i = 1; i < offsets.length(); i++) {
            if (offsets.get(i) != first + i) {
                future.completeExceptionally(new NonContiguousAppendException(partition, first, i, offsets.get(i)));
                return;
            }
        }
        acknowledgedEnd.accept(first + offsets.length());
        future.complete(first);
    }
}
