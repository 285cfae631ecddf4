package io.sluice.storage.kafka;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells waiters when a partition's end passes an offset, whoever appended: the way a fan-out subscriber on this
 * node learns of puts made through another node. One thread asks the broker for the end offsets of the partitions
 * that have waiters, all in one request, every {@code intervalMillis}; with no waiters it sleeps until one comes.
 * A waiter that is cancelled (or otherwise completed) is dropped at the next round.
 *
 * <p>Threading: thread-safe; waiters are completed on the watcher's thread, so their continuations must not block.
 */
final class TailWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TailWatcher.class);

    private record Waiter(long offset, CompletableFuture<Void> future) {
    }

    private final PartitionReader reader;
    private final long intervalMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<KafkaShardLog, List<Waiter>> waiters = new HashMap<>();
    private final Thread thread;
    private boolean closed;

    TailWatcher(PartitionReader reader, long intervalMillis, String nodeId) {
        this.reader = reader;
        this.intervalMillis = intervalMillis;
        this.thread = Thread.ofPlatform().daemon().name("sluice-kafka-tail-" + nodeId).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Completes once the log's end is past {@code offset}. */
    CompletableFuture<Void> await(KafkaShardLog log, long offset) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (log.knownEnd() > offset) {
            future.complete(null);
            return future;
        }
        lock.lock();
        try {
            if (closed) {
                future.completeExceptionally(new IOException("the shard log store is closed"));
                return future;
            }
            waiters.computeIfAbsent(log, k -> new ArrayList<>()).add(new Waiter(offset, future));
            changed.signal();
        } finally {
            lock.unlock();
        }
        return future;
    }

    /** Fails and drops the waiters of a log. */
    void forget(KafkaShardLog log, Throwable why) {
        List<Waiter> dropped;
        lock.lock();
        try {
            dropped = waiters.remove(log);
        } finally {
            lock.unlock();
        }
        if (dropped != null) {
            dropped.forEach(w -> w.future().completeExceptionally(why));
        }
    }

    private void run() {
        while (true) {
            List<KafkaShardLog> watched;
            lock.lock();
            try {
                while (!closed && waiters.isEmpty()) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                watched = new ArrayList<>(waiters.keySet());
            } finally {
                lock.unlock();
            }
            poll(watched);
            lock.lock();
            try {
                if (!closed) {
                    changed.await(intervalMillis, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private void poll(List<KafkaShardLog> watched) {
        Map<TopicPartition, Long> ends;
        try {
            ends = reader.endOffsets(watched.stream().map(KafkaShardLog::partition).toList());
        } catch (IOException e) {
            LOG.warn("Cannot read the end offsets of {} watched shard logs; trying again", watched.size(), e);
            return;
        }
        List<Waiter> ready = new ArrayList<>();
        lock.lock();
        try {
            for (KafkaShardLog log : watched) {
                Long end = ends.get(log.partition());
                if (end != null) {
                    log.advanceEnd(end);
                }
                List<Waiter> list = waiters.get(log);
                if (list == null) {
                    continue;
                }
                list.removeIf(w -> {
                    boolean past = end != null && end > w.offset();
                    if (past) {
                        ready.add(w);
                    }
                    return past || w.future().isDone();
                });
                if (list.isEmpty()) {
                    waiters.remove(log);
                }
            }
        } finally {
            lock.unlock();
        }
        ready.forEach(w -> w.future().complete(null));
    }

    @Override
    public void close() {
        List<Waiter> dropped = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            waiters.values().forEach(dropped::addAll);
            waiters.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        IOException why = new IOException("the shard log store is closed");
        dropped.forEach(w -> w.future().completeExceptionally(why));
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
