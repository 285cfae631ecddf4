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
 * <p><b>Group commit, pipelined</b>: each of a few lanes (a thread with a consumer of its own) takes every caller
 * waiting at that moment and serves them all with one end-offset request. A lane takes callers only while it is
 * idle, so callers arriving while one request is in flight are taken at once by another idle lane instead of
 * waiting for that request to return: a sync costs about one round trip, not up to two, and a burst of syncs costs
 * at most one request per lane at a time. The wait for the applier is not on a lane's thread.
 *
 * <p><b>Why pipelining keeps the barrier</b>: a caller is served only by a request that a lane sent after taking
 * it, so after the caller registered; every change committed before the caller's {@link #sync} call lies below the
 * end that request reads, whichever lane sent it and whichever request returns first. Lanes only ever hand a
 * caller to one request; a request that fails fails only its own callers.
 *
 * <p>Callers' futures complete on a fresh virtual thread, never on the applier's, so work a caller chains on one
 * cannot hold up (or wait for) the applier.
 *
 * <p><b>Threading</b>: {@link #sync} is thread-safe; each consumer is used by its lane's thread only
 * ({@link #close} wakes them, which Kafka allows from any thread).
 */
final class MetadataSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataSync.class);

    private final List<Consumer<byte[], byte[]>> consumers;
    private final TopicPartition partition;
    private final AppliedPosition applied;
    private final Duration timeout;
    private final Executor completions = task -> Thread.ofVirtual().name("sluice-metadata-synced").start(task);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requested = lock.newCondition();
    private final AtomicLong requests = new AtomicLong();
    private final List<Thread> lanes = new ArrayList<>();
    private List<CompletableFuture<Void>> waiting = new ArrayList<>(); // guarded by lock
    private boolean closed; // guarded by lock

    /** Starts one lane per consumer; owns the consumers and closes them. */
    MetadataSync(List<Consumer<byte[], byte[]>> consumers, TopicPartition partition, AppliedPosition applied,
                 Duration timeout, String nodeId) {
        if (consumers.isEmpty()) {
            throw new IllegalArgumentException("a sync needs at least one consumer");
        }
        this.consumers = List.copyOf(consumers);
        this.partition = partition;
        this.applied = applied;
        this.timeout = timeout;
        for (int i = 0; i < this.consumers.size(); i++) {
            Consumer<byte[], byte[]> consumer = this.consumers.get(i);
            lanes.add(Thread.ofPlatform().name("sluice-metadata-sync-" + nodeId + "-" + i).daemon()
                    .start(() -> run(consumer)));
        }
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

    private void run(Consumer<byte[], byte[]> consumer) {
        try {
            List<CompletableFuture<Void>> batch;
            while ((batch = take()) != null) {
                serve(consumer, batch);
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

    private void serve(Consumer<byte[], byte[]> consumer, List<CompletableFuture<Void>> batch) {
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

    /** Stops the lanes and closes their consumers; callers still waiting for an end offset fail. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> abandoned;
        lock.lock();
        try {
            closed = true;
            abandoned = waiting;
            waiting = new ArrayList<>();
            requested.signalAll();
        } finally {
            lock.unlock();
        }
        consumers.forEach(Consumer::wakeup);
        try {
            for (Thread lane : lanes) {
                lane.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abandoned.forEach(future -> future.completeExceptionally(new IOException("the metadata store is closed")));
    }
}
