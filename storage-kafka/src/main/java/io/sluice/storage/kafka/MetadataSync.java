package io.sluice.storage.kafka;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The barrier behind {@link io.sluice.engine.store.MetaStore#sync}: reads the metadata partition's end offset as a
 * read_committed reader sees it (the last stable offset: everything committed before the read lies below it), then
 * completes when the applier's position reaches it.
 *
 * <p><b>Group commit</b>: one thread reads end offsets, one request at a time; every caller that registered before
 * a request was sent is served by it, and callers arriving meanwhile share the next one. So a burst of syncs costs
 * one or two round trips to the partition leader, not one each. The wait for the applier is not on that thread: the
 * next request is sent while earlier callers still wait.
 *
 * <p>Callers' futures complete on a fresh virtual thread, never on the applier's, so work a caller chains on one
 * cannot hold up (or wait for) the applier.
 *
 * <p><b>Threading</b>: {@link #sync} is thread-safe; the consumer is used by the sync thread only ({@link #close}
 * wakes it, which Kafka allows from any thread).
 */
final class MetadataSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataSync.class);

    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final AppliedPosition applied;
    private final Duration timeout;
    private final Executor completions = task -> Thread.ofVirtual().name("sluice-metadata-synced").start(task);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requested = lock.newCondition();
    private final AtomicLong requests = new AtomicLong();
    private final Thread thread;
    private List<CompletableFuture<Void>> waiting = new ArrayList<>(); // guarded by lock
    private boolean closed; // guarded by lock

    /** Starts the sync thread; owns {@code consumer} and closes it. */
    MetadataSync(Consumer<byte[], byte[]> consumer, TopicPartition partition, AppliedPosition applied,
                 Duration timeout, String nodeId) {
        this.consumer = consumer;
        this.partition = partition;
        this.applied = applied;
        this.timeout = timeout;
        this.thread = Thread.ofPlatform().name("sluice-metadata-sync-" + nodeId).daemon().unstarted(this::run);
        thread.start();
    }

    /** Completes once everything committed to the topic before this call is applied to this node's view. */
    CompletableFuture<Void> sync() {
        CompletableFuture<Void> future = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IOException("the metadata store is closed"));
            }
            waiting.add(future);
            requested.signal();
        } finally {
            lock.unlock();
        }
        return future;
    }

    /** End-offset requests sent so far (each served every caller waiting when it was sent). */
    long requests() {
        return requests.get();
    }

    private void run() {
        try {
            List<CompletableFuture<Void>> batch;
            while ((batch = take()) != null) {
                serve(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ZERO)); // nothing to commit or leave
        }
    }

    private List<CompletableFuture<Void>> take() throws InterruptedException {
        lock.lock();
        try {
            while (waiting.isEmpty() && !closed) {
                requested.await();
            }
            if (closed) {
                return null;
            }
            List<CompletableFuture<Void>> batch = waiting;
            waiting = new ArrayList<>();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void serve(List<CompletableFuture<Void>> batch) {
        long end;
        try {
            requests.incrementAndGet();
            end = consumer.endOffsets(Set.of(partition), timeout).get(partition);
        } catch (WakeupException e) {
            batch.forEach(future -> future.completeExceptionally(new IOException("the metadata store is closed")));
            return;
        } catch (RuntimeException e) {
            LOG.warn("cannot read the end offset of {}: sync fails", partition, e);
            IOException failure = new IOException("cannot read the end offset of " + partition, e);
            batch.forEach(future -> future.completeExceptionally(failure));
            return;
        }
        applied.reached(end).whenCompleteAsync((done, failure) -> {
            for (CompletableFuture<Void> future : batch) {
                if (failure == null) {
                    future.complete(null);
                } else {
                    future.completeExceptionally(failure);
                }
            }
        }, completions);
    }

    /** Stops the sync thread and closes its consumer; callers still waiting for an end offset fail. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> abandoned;
        lock.lock();
        try {
            closed = true;
            abandoned = waiting;
            waiting = new ArrayList<>();
            requested.signal();
        } finally {
            lock.unlock();
        }
        consumer.wakeup();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abandoned.forEach(future -> future.completeExceptionally(new IOException("the metadata store is closed")));
    }
}
