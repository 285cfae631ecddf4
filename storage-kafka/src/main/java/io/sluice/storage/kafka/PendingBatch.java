package io.sluice.storage.kafka;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * One append of several records to one partition, waiting for the producer to acknowledge each. Once every record
 * is acknowledged (or failed), the batch's future completes on the {@code completer} executor, never on the
 * producer's I/O thread: with the offset of each record, or with an IOException carrying the producer's first
 * error. The producer keeps one node's records to a partition in send order, but another node's records may
 * land between two of this batch's produce requests, so the offsets need not be consecutive.
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
    private final CompletableFuture<long[]> future = new CompletableFuture<>();

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

    CompletableFuture<long[]> future() {
        return future;
    }

    /**
     * Hands the batch's records to the producer, in order. Once one fails, the rest are not sent: the batch has
     * failed, and a producer that cannot reach the cluster would block on each of them.
     */
    void sendAll(Producer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records) {
        for (int i = 0; i < records.size(); i++) {
            Exception failed = failure.get();
            if (failed != null) {
                notSent(i, failed);
                return;
            }
            try {
                producer.send(records.get(i), callback(i));
            } catch (RuntimeException e) {
                notSent(i, e);
                return;
            }
        }
    }

    /** The producer callback of record {@code index}. */
    private Callback callback(int index) {
        return (metadata, exception) -> settle(index, exception == null ? metadata.offset() : FAILED, exception);
    }

    /** Records from {@code index} on were never handed to the producer. */
    private void notSent(int index, Exception cause) {
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
            try {
                completer.execute(this::complete);
            } catch (RejectedExecutionException e) {
                complete(); // the store is closing and the producer aborts what it holds: settle it here
            }
        }
    }

    private void complete() {
        Exception cause = failure.get();
        if (cause != null) {
            future.completeExceptionally(new IOException("Kafka: append of " + offsets.length() + " records to "
                    + partition + " failed: " + cause.getMessage(), cause));
            return;
        }
        long[] stored = new long[offsets.length()];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = offsets.get(i);
        }
        acknowledgedEnd.accept(stored[stored.length - 1] + 1);
        future.complete(stored);
    }
}
