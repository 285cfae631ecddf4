package io.sluice.storage.kafka;

import io.sluice.engine.store.MetaStore;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * This node's view of the metadata: one thread reads the metadata topic from the beginning (read_committed: records
 * of aborted atomic changes are skipped, those of open ones wait for their commit) and applies each record, in log
 * order, to an in-memory map, then tells every {@link MetaStore.Watcher}.
 *
 * <p>It also runs, between records, the redeliveries an atomic change asks for when it loses (the watchers are told
 * the current value of the keys it touched), so that watchers see one order of values per key.
 *
 * <p><b>Failures</b>: a record this node cannot read ({@link MetadataFormatException}) or a client error the
 * consumer does not retry by itself stops the applier (fail-stop: a view that skipped a change would silently
 * differ from the other nodes'); it is logged, and every wait on {@link #position} fails with it from then on.
 *
 * <p><b>Threading</b>: {@link #get}, {@link #entries}, {@link #watch}, {@link #position} and {@link #redeliver} are
 * thread-safe; the consumer is used by the applier thread only. Watchers run on the applier thread, which must
 * therefore never wait for the applier (see {@link #isApplierThread}).
 */
final class MetadataApplier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataApplier.class);

    /**
     * Longest wait in one poll. Polls return as soon as records arrive; this bounds how late the position follows
     * a fetch that holds only transaction markers or aborted records (no records to return, position moves on).
     */
    private static final Duration POLL = Duration.ofMillis(20);

    /** A request to tell the watchers the current value of some keys. */
    private record Redelivery(Set<String> keys, CompletableFuture<Void> done) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final Map<String, byte[]> view = new ConcurrentHashMap<>();
    private final List<MetaStore.Watcher> watchers = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Redelivery> redeliveries = new ConcurrentLinkedQueue<>();
    private final AppliedPosition position = new AppliedPosition();
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts applying the partition from its beginning; owns {@code consumer} and closes it. */
    MetadataApplier(Consumer<byte[], byte[]> consumer, TopicPartition partition, String nodeId) {
        this.consumer = consumer;
        this.partition = partition;
        this.thread = Thread.ofPlatform().name("sluice-metadata-applier-" + nodeId).daemon().unstarted(this::run);
        thread.start();
    }

    byte[] get(String key) {
        byte[] value = view.get(key);
        return value == null ? null : value.clone();
    }

    Map<String, byte[]> entries() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        view.forEach((key, value) -> copy.put(key, value.clone()));
        return copy;
    }

    void watch(MetaStore.Watcher watcher) {
        watchers.add(watcher);
    }

    AppliedPosition position() {
        return position;
    }

    boolean isApplierThread() {
        return Thread.currentThread() == thread;
    }

    /** Whether the applier still follows the partition (false once it has stopped on a failure or been closed). */
    boolean isRunning() {
        return running;
    }

    /** Tells every watcher the current value of each key, on the applier thread, between two records. */
    CompletableFuture<Void> redeliver(Collection<String> keys) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        redeliveries.add(new Redelivery(Set.copyOf(keys), done));
        if (!running) {
            failRedeliveries(new IOException("the metadata applier has stopped"));
        }
        return done;
    }

    private void run() {
        Throwable stopped = null;
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (running) {
                runRedeliveries();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                    position.advance(record.offset() + 1);
                }
                position.advance(consumer.position(partition));
            }
        } catch (InterruptException e) {
            if (running) {
                stopped = e;
            }
        } catch (MetadataFormatException | RuntimeException e) {
            stopped = e;
        } finally {
            if (stopped != null) {
                LOG.error("metadata applier stopped at offset {} of {}; this node's metadata no longer follows the "
                        + "cluster until it restarts", position.position(), partition, stopped);
            }
            IOException failure = stopped == null
                    ? new IOException("the metadata store is closed")
                    : new IOException("the metadata applier stopped at offset " + position.position(), stopped);
            running = false;
            position.fail(stopped instanceof MetadataFormatException format ? format : failure);
            failRedeliveries(failure);
            consumer.close(CloseOptions.timeout(Duration.ZERO)); // nothing to commit or leave
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) throws MetadataFormatException {
        String key = MetadataRecordFormat.decodeKey(record.key(), record.offset());
        byte[] value = MetadataRecordFormat.decodeValue(record.value(), record.offset());
        if (value == null) {
            view.remove(key);
        } else {
            view.put(key, value);
        }
        tell(key, value);
    }

    private void runRedeliveries() {
        Redelivery redelivery;
        while ((redelivery = redeliveries.poll()) != null) {
            for (String key : redelivery.keys()) {
                tell(key, view.get(key));
            }
            redelivery.done().complete(null);
        }
    }

    private void tell(String key, byte[] value) {
        for (MetaStore.Watcher watcher : watchers) {
            try {
                watcher.changed(key, value == null ? null : value.clone());
            } catch (RuntimeException e) {
                // a watcher's bug must not stop this node from following the metadata
                LOG.error("metadata watcher failed on key {}", key, e);
            }
        }
    }

    private void failRedeliveries(IOException failure) {
        Redelivery redelivery;
        while ((redelivery = redeliveries.poll()) != null) {
            redelivery.done().completeExceptionally(failure);
        }
    }

    /** Stops the applier thread and closes the consumer; pending waits fail. */
    @Override
    public void close() {
        running = false;
        if (isApplierThread()) {
            return; // a watcher closing the store: the loop ends after this record
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
