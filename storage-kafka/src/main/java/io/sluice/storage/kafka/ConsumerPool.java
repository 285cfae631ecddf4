package io.sluice.storage.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Idle Kafka consumers for reads and offset look-ups. A consumer is not thread-safe, so a caller borrows one,
 * uses it alone, and gives it back; at most {@code maxIdle} are kept, extra ones are closed on return. Consumers
 * are used with {@code assign} only (no group); one given back keeps its assignment, its position and what it
 * fetched ahead (a classic consumer sends the next fetch before {@code poll} returns), and the pool remembers the
 * partition and offset its last read stopped at, with the records that read polled but did not return: a read that
 * continues from there gets that consumer back and needs neither a seek nor a new fetch. Look-ups take the
 * consumer idle the longest (the least likely to be continued) and leave it where it was.
 *
 * <p>Threading: thread-safe.
 */
final class ConsumerPool implements AutoCloseable {

    /**
     * A consumer and where its last read stopped: the partition ({@code null} when it has not read or its position
     * is unknown), the offset the next read would continue from, and the records the consumer already polled from
     * that offset on but the read did not return ({@code ahead}, in offset order). A hint to find the consumer
     * again: the reader checks the consumer's own assignment and position before it uses them.
     */
    record Pooled(Consumer<byte[], byte[]> consumer, TopicPartition partition, long position,
                  List<ConsumerRecord<byte[], byte[]>> ahead) {

        static Pooled fresh(Consumer<byte[], byte[]> consumer) {
            return new Pooled(consumer, null, -1, List.of());
        }

        /** The same consumer, its position now unknown (it was moved, or a read failed). */
        Pooled forgotten() {
            return fresh(consumer);
        }

        Pooled stoppedAt(TopicPartition stoppedIn, long stoppedAtPosition,
                         List<ConsumerRecord<byte[], byte[]>> polledAhead) {
            return new Pooled(consumer, stoppedIn, stoppedAtPosition, polledAhead);
        }

        boolean resumesAt(TopicPartition wanted, long wantedPosition) {
            return position == wantedPosition && wanted.equals(partition);
        }
    }

    private final Supplier<Consumer<byte[], byte[]>> factory;
    private final int maxIdle;
    /** Most recently given back first. */
    private final ConcurrentLinkedDeque<Pooled> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    /** Consumers made and not yet closed, idle or borrowed. */
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    ConsumerPool(Supplier<Consumer<byte[], byte[]>> factory, int maxIdle) {
        this.factory = factory;
        this.maxIdle = maxIdle;
    }

    /** Any consumer: the one idle the longest, or a new one. */
    Pooled borrow() {
        checkOpen();
        Pooled pooled = idle.pollLast();
        if (pooled == null) {
            return create();
        }
        idleCount.decrementAndGet();
        return pooled;
    }

    /**
     * For a read: the consumer whose last read stopped at {@code position} of {@code partition} if one is idle;
     * else one that remembers no read; else a new one while fewer than {@code maxIdle} are open, so that readers of
     * different partitions taking turns keep a consumer each; else the one idle the longest.
     */
    Pooled borrow(TopicPartition partition, long position) {
        checkOpen();
        for (Pooled pooled : idle) {
            if (pooled.resumesAt(partition, position) && idle.remove(pooled)) {
                idleCount.decrementAndGet();
                return pooled;
            }
        }
        for (Pooled pooled : idle) {
            if (pooled.partition() == null && idle.remove(pooled)) {
                idleCount.decrementAndGet();
                return pooled;
            }
        }
        if (open.get() < maxIdle) {
            return create();
        }
        return borrow();
    }

    private Pooled create() {
        open.incrementAndGet();
        return Pooled.fresh(factory.get());
    }

    void giveBack(Pooled pooled) {
        if (!closed.get()) {
            if (idleCount.incrementAndGet() <= maxIdle) {
                idle.addFirst(pooled);
                if (closed.get() && idle.remove(pooled)) {
                    open.decrementAndGet();
                    pooled.consumer().close(Duration.ZERO); // close() ran meanwhile and missed it
                }
                return;
            }
            idleCount.decrementAndGet();
        }
        open.decrementAndGet();
        pooled.consumer().close(Duration.ZERO);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the shard log store is closed");
        }
    }

    @Override
    public void close() {
        closed.set(true);
        for (Pooled pooled; (pooled = idle.pollFirst()) != null; ) {
            open.decrementAndGet();
            pooled.consumer().close(Duration.ZERO);
        }
    }
}
