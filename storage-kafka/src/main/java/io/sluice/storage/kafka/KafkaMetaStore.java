package io.sluice.storage.kafka;

import io.sluice.engine.store.MetaStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cluster's {@link MetaStore}: a replicated state machine on the single-partition compacted topic
 * {@link KafkaSettings#metadataTopic()} (created if missing: {@link MetadataTopic}), which every node applies in log
 * order.
 *
 * <p><b>Format</b> of a record ({@link MetadataRecordFormat}): key = the metadata key in UTF-8; value = one version
 * byte (1) then the value's bytes; a delete is a tombstone (null value). <b>Recovery rule</b>: there is no local
 * state; {@link #open} reads the whole topic (read_committed) into memory and returns only once it has reached the
 * end offset read at open, so {@link #entries} and {@link #get} are complete. A record with an unknown version
 * fails the open with a {@link MetadataFormatException} naming its offset (a node cannot build a view that skips a
 * change); met later (written by a newer node while this one runs), it stops this node's applier, is logged, and
 * every later write, {@link #sync} and atomic change fails with it until the node restarts with a version that
 * reads it.
 *
 * <p><b>Applying</b> ({@link MetadataApplier}): after the open, one thread tails the topic and, for each record,
 * updates the view then calls every {@link MetaStore.Watcher} with the key and value. Register watchers before
 * reading {@link #entries}, so nothing falls between the two (a watcher handles a value it already has).
 *
 * <p><b>{@link #put} and {@link #delete} outside an atomic change</b> go through a plain idempotent producer
 * (acks=all), wait for the acknowledgement, then wait until this node's applier has applied that offset: a
 * {@link #get} on this node that follows sees the write. (A write stays invisible to read_committed readers while
 * another node's atomic change is open below it, at most {@link MetadataClients#TRANSACTION_TIMEOUT}.)
 *
 * <p><b>{@link #atomically}</b> runs through the cluster's single transactional writer, takes the writer's epoch,
 * syncs, runs the change in a Kafka transaction (puts and deletes on the calling thread join it, and reads on that
 * thread see them), commits, and returns once the change is applied on this node; a change that loses to another
 * node's is rolled back in the watchers' view and run again, then fails with {@link MetaStore.ConflictException}:
 * see {@link AtomicMetadataWriter}. Waiting for the applier is safe because the engine calls it holding none of
 * the locks its watchers take.
 *
 * <p><b>{@link #sync}</b> reads the partition's last stable offset and completes once the applier has passed it,
 * one request serving every caller waiting when it was sent, with up to {@link #SYNC_LANES} requests in flight so
 * that a caller arriving during one need not wait for it to return ({@link MetadataSync}).
 *
 * <p><b>Failures</b>: every Kafka failure is logged with its cause and thrown as an IOException; waits are bounded
 * by the store's timeout.
 *
 * <p><b>Threading</b>: thread-safe. Watchers run on the applier thread, which therefore must not write, sync or run
 * an atomic change (it would wait for itself): those calls are refused there.
 */
public final class KafkaMetaStore implements MetaStore {

    /** How long a call waits for Kafka (an acknowledgement, a commit, the applier) before failing. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * End-offset requests {@link #sync} may have in flight at once. Two take a caller's wait from up to two round
     * trips (the one in flight when it came, then its own) to about one; more would add requests, not speed.
     */
    static final int SYNC_LANES = 2;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaMetaStore.class);

    private final String topic;
    private final Duration timeout;
    private final MetadataApplier applier;
    private final MetadataSync sync;
    private final Producer<byte[], byte[]> plain;
    private final AtomicMetadataWriter atomic;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaMetaStore(String topic, Duration timeout, MetadataApplier applier, MetadataSync sync,
                           Producer<byte[], byte[]> plain, AtomicMetadataWriter atomic) {
        this.topic = topic;
        this.timeout = timeout;
        this.applier = applier;
        this.sync = sync;
        this.plain = plain;
        this.atomic = atomic;
    }

    /** Opens the store of the cluster {@code settings} reach, with {@link #DEFAULT_TIMEOUT}. */
    public static KafkaMetaStore open(KafkaSettings settings) throws IOException {
        return open(settings, DEFAULT_TIMEOUT);
    }

    /**
     * Creates the metadata topic if missing, reads it to its end, and starts following it.
     *
     * @throws MetadataFormatException a record this version cannot read
     */
    public static KafkaMetaStore open(KafkaSettings settings, Duration timeout) throws IOException {
        MetadataClients clients = new MetadataClients(settings, timeout);
        String topic = settings.metadataTopic();
        try (Admin admin = clients.admin()) {
            MetadataTopic.ensure(admin, topic, settings.replicationFactor(), timeout);
            AutoCreateCheck.warnIfAutoCreating(admin, timeout);
        } catch (IOException e) {
            LOG.error("cannot open the metadata topic {}", topic, e);
            throw e;
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        MetadataApplier applier = new MetadataApplier(clients.consumer("metadata-applier"), partition,
                settings.nodeId());
        MetadataSync sync = null;
        Producer<byte[], byte[]> plain = null;
        List<Consumer<byte[], byte[]>> lanes = new ArrayList<>();
        try {
            for (int i = 0; i < SYNC_LANES; i++) {
                lanes.add(clients.consumer("metadata-sync-" + i));
            }
            sync = new MetadataSync(lanes, partition, applier.position(), timeout, settings.nodeId());
            plain = clients.plainProducer();
            KafkaMetaStore store = new KafkaMetaStore(topic, timeout, applier, sync, plain,
                    new AtomicMetadataWriter(clients, applier, sync, timeout));
            MetadataWaits.await(sync.sync(), timeout, "reading metadata topic " + topic);
            LOG.info("metadata topic {} read to offset {}", topic, applier.position().position());
            return store;
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot read the metadata topic {}", topic, e);
            if (plain != null) {
                plain.close(Duration.ZERO);
            }
            if (sync != null) {
                sync.close();
            } else {
                lanes.forEach(consumer -> consumer.close(CloseOptions.timeout(Duration.ZERO)));
            }
            applier.close();
            throw e;
        }
    }

    @Override
    public Map<String, byte[]> entries() {
        PendingChange change = atomic.current();
        Map<String, byte[]> committed = applier.entries();
        return change == null ? committed : change.overlay(committed);
    }

    @Override
    public byte[] get(String key) {
        PendingChange change = atomic.current();
        return change != null && change.touched(key) ? change.written(key) : applier.get(key);
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        Objects.requireNonNull(value, "value");
        PendingChange change = atomic.current();
        if (change != null) {
            change.put(key, value);
        } else {
            write(key, MetadataRecordFormat.encodeValue(value));
        }
    }

    @Override
    public void delete(String key) throws IOException {
        PendingChange change = atomic.current();
        if (change != null) {
            change.delete(key);
        } else {
            write(key, null);
        }
    }

    private void write(String key, byte[] envelope) throws IOException {
        refuseOnApplierThread("a metadata write");
        try {
            RecordMetadata written = MetadataWaits.await(
                    plain.send(new ProducerRecord<>(topic, 0, MetadataRecordFormat.encodeKey(key), envelope)),
                    timeout, "writing metadata key " + key);
            MetadataWaits.await(applier.position().reached(written.offset() + 1), timeout,
                    "applying metadata key " + key);
        } catch (KafkaException e) {
            LOG.warn("cannot write metadata key {}", key, e);
            throw new IOException("cannot write metadata key " + key, e);
        } catch (IOException e) {
            LOG.warn("cannot write metadata key {}", key, e);
            throw e;
        }
    }

    @Override
    public void watch(Watcher watcher) {
        applier.watch(Objects.requireNonNull(watcher, "watcher"));
    }

    @Override
    public <T> T atomically(Change<T> change) throws IOException {
        refuseOnApplierThread("an atomic metadata change");
        return atomic.run(change);
    }

    @Override
    public CompletableFuture<Void> sync() {
        return sync.sync();
    }

    /**
     * Whether this node's view still follows the metadata topic: false once the applier has stopped (a record it
     * cannot read, a fatal client error, or close). Reported by the node's health check.
     */
    public boolean isApplying() {
        return applier.isRunning();
    }

    /** End-offset requests {@link #sync} has sent so far (a measure of how well it coalesces callers). */
    long syncRequests() {
        return sync.requests();
    }

    private void refuseOnApplierThread(String what) {
        if (applier.isApplierThread()) {
            throw new IllegalStateException(what + " from a metadata watcher would wait for the watcher's own thread");
        }
    }

    /** Stops following the topic and closes the clients; calls still waiting fail. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sync.close();
        plain.close(timeout);
        atomic.close();
        applier.close();
    }
}
