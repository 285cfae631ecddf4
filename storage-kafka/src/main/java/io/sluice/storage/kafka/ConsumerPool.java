package io.sluice.storage.kafka;

import org.apache.kafka.clients.consumer.Consumer;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Idle Kafka consumers for reads and offset look-ups. A consumer is not thread-safe, so a caller borrows one,
 * uses it alone, and gives it back; at most {@code maxIdle} are kept, extra ones are closed on return. Consumers
 * are used with {@code assign} only (no group); one given back keeps its assignment (a classic consumer fetches
 * only inside {@code poll}), so the next read of the same partition needs no metadata round trip.
 *
 * <p>Threading: thread-safe.
 */
final class ConsumerPool implements AutoCloseable {

    private final Supplier<Consumer<byte[], byte[]>> factory;
    private final int maxIdle;
    private final ConcurrentLinkedDeque<Consumer<byte[], byte[]>> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    ConsumerPool(Supplier<Consumer<byte[], byte[]>> factory, int maxIdle) {
        this.factory = factory;
        this.maxIdle = maxIdle;
    }

    Consumer<byte[], byte[]> borrow() {
        if (closed.get()) {
            throw new IllegalStateException("the shard log store is closed");
        }
        Consumer<byte[], byte[]> consumer = idle.pollFirst();
        if (consumer == null) {
            return factory.get();
        }
        idleCount.decrementAndGet();
        return consumer;
    }

    void giveBack(Consumer<byte[], byte[]> consumer) {
        if (!closed.get()) {
            if (idleCount.incrementAndGet() <= maxIdle) {
                idle.addFirst(consumer);
                if (closed.get() && idle.remove(consumer)) {
                    consumer.close(Duration.ZERO); // close() ran meanwhile and missed it
                }
                return;
            }
            idleCount.decrementAndGet();
        }
        consumer.close(Duration.ZERO);
    }

    @Override
    public void close() {
        closed.set(true);
        for (Consumer<byte[], byte[]> consumer; (consumer = idle.pollFirst()) != null; ) {
            consumer.close(Duration.ZERO);
        }
    }
}
