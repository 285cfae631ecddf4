package io.sluice.storage.kafka;

import io.sluice.engine.store.MetaStore;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs {@link MetaStore#atomically atomic changes} through the cluster's single metadata writer: one Kafka
 * transactional id shared by every node ({@link MetadataClients#transactionalId}).
 *
 * <p><b>Why it is atomic</b>: Kafka lets only the producer holding the id's latest epoch commit. A node takes the
 * epoch ({@code initTransactions}, which fences the previous holder and completes or aborts its open transaction),
 * then syncs its view to the end of the topic, then runs the change in a transaction. If any other node takes the
 * epoch before the commit, the commit fails (fenced), so no atomic change commits between the view a change read
 * and its own commit. A node keeps the epoch between changes; if another node took it meanwhile, the next change
 * finds out at its commit and goes round again.
 *
 * <p><b>One change</b>: take the node's lock (one change at a time per node); take the epoch if this node holds no
 * live producer; {@link MetadataSync sync}; begin; run the change: puts and deletes made on this thread while it
 * runs are sent in the transaction and read back by {@code get}/{@code entries} on this thread ({@link #current});
 * commit; wait until this node's applier has applied the change's records, so this node answers after its own
 * change is applied (watchers run on the applier thread and may take the engine's locks: the engine calls
 * atomically holding none of them, so this wait cannot deadlock; the lock held here is never taken by a watcher).
 * An atomic change started inside a change joins it.
 *
 * <p><b>Losing</b> (the producer is fenced, its epoch is stale, or the coordinator finds the transaction already
 * aborted by another node's start): close the producer, sync, tell the watchers the
 * committed value of every key the change touched (so a view the change's caller updated along the way goes back),
 * then run the whole change again (so it must be re-runnable), after a random pause that breaks ties between
 * nodes; after {@link #ATTEMPTS} losses, {@link MetaStore.ConflictException}. <b>Other failures</b> (and a change
 * that throws): abort the transaction (or, if that fails, drop the producer), bring the touched keys back the same
 * way, and throw (the change's own exception, or an IOException with Kafka's as the cause, logged). A commit that
 * times out may still complete: its records then reach the view through the applier like anyone else's.
 *
 * <p><b>Threading</b>: thread-safe; a {@link ReentrantLock} serialises changes and guards the producer. The change
 * runs on the calling thread, which must not be the applier's.
 */
final class AtomicMetadataWriter implements AutoCloseable {

    static final int ATTEMPTS = 5;
    private static final long BACKOFF_MILLIS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(AtomicMetadataWriter.class);

    /** The writer's epoch went to another node: the change did not commit. */
    private static final class Fenced extends Exception {
        Fenced(KafkaException cause) {
            super(cause);
        }
    }

    private final MetadataClients clients;
    private final MetadataApplier applier;
    private final MetadataSync sync;
    private final Duration timeout;
    private final String topic;
    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<PendingChange> current = new ThreadLocal<>();
    private Producer<byte[], byte[]> producer; // guarded by lock; null: this node does not hold the epoch
    private boolean closed; // guarded by lock

    AtomicMetadataWriter(MetadataClients clients, MetadataApplier applier, MetadataSync sync, Duration timeout) {
        this.clients = clients;
        this.applier = applier;
        this.sync = sync;
        this.timeout = timeout;
        this.topic = clients.settings().metadataTopic();
    }

    /** The change running on this thread, or null. */
    PendingChange current() {
        return current.get();
    }

    <T> T run(MetaStore.Change<T> change) throws IOException {
        if (current.get() != null) {
            return change.run();
        }
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return attempt(change);
                } catch (Fenced lost) {
                    if (attempt == ATTEMPTS) {
                        LOG.info("metadata change lost to other nodes' changes {} times in a row; giving up", ATTEMPTS);
                        throw new MetaStore.ConflictException("another node's metadata change won " + ATTEMPTS
                                + " times in a row", lost.getCause());
                    }
                    LOG.debug("metadata change lost to another node's (attempt {}); running it again", attempt);
                    pause(attempt);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private <T> T attempt(MetaStore.Change<T> change) throws IOException, Fenced {
        Producer<byte[], byte[]> writer = producer();
        MetadataWaits.await(sync.sync(), timeout, "syncing metadata before an atomic change");
        try {
            writer.beginTransaction();
        } catch (KafkaException e) {
            throw failed(writer, e, Set.of());
        }
        PendingChange pending = new PendingChange(writer, topic);
        T result;
        current.set(pending);
        try {
            result = change.run();
        } catch (Throwable refused) {
            abort(writer);
            rollBack(pending.keys());
            throw refused;
        } finally {
            current.remove();
        }
        try {
            if (pending.failure() != null) {
                throw pending.failure();
            }
            writer.commitTransaction();
        } catch (KafkaException e) {
            throw failed(writer, e, pending.keys());
        }
        long end;
        try {
            end = pending.end();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a committed send failed", e); // commitTransaction checked them all
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted after committing a metadata change");
        }
        MetadataWaits.await(applier.position().reached(end), timeout, "applying a committed metadata change");
        return result;
    }

    private Producer<byte[], byte[]> producer() throws IOException {
        if (closed) {
            throw new IOException("the metadata store is closed");
        }
        if (producer == null) {
            Producer<byte[], byte[]> started = clients.transactionalProducer();
            try {
                started.initTransactions();
            } catch (KafkaException e) {
                started.close(Duration.ZERO);
                LOG.warn("cannot take the metadata writer {}", clients.transactionalId(), e);
                throw new IOException("cannot take the metadata writer " + clients.transactionalId(), e);
            }
            producer = started;
        }
        return producer;
    }

    /** What to throw for a failed transaction, after cleaning up; throws Fenced if another node took the writer. */
    private IOException failed(Producer<byte[], byte[]> writer, KafkaException e, Set<String> touched)
            throws Fenced {
        if (lostTheWriter(e) || unhandledByTheClient(e)) {
            dropProducer();
            rollBack(touched);
            throw new Fenced(e);
        }
        LOG.warn("atomic metadata change failed", e);
        abort(writer);
        rollBack(touched);
        return new IOException("atomic metadata change failed", e);
    }

    /**
     * Whether the failure means another node took the writer: this producer is fenced or its epoch is stale, or
     * the coordinator refused the commit because another node's start aborted the transaction under it.
     */
    private static boolean lostTheWriter(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException
                    || cause instanceof InvalidTxnStateException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the coordinator answered an error the producer does not handle (seen as UNKNOWN_SERVER_ERROR on
     * EndTxn while another node's producer took the same transactional id at start-up): the producer is unusable
     * and the transaction's outcome unknown. Retrying is safe: the next attempt syncs first, so a change that did
     * commit is in the view it re-checks.
     */
    private static boolean unhandledByTheClient(KafkaException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Unhandled error in ");
    }

    private void abort(Producer<byte[], byte[]> writer) {
        try {
            writer.abortTransaction();
        } catch (KafkaException e) {
            // a fatal producer error (fenced, or a commit in doubt): start a fresh producer next time
            LOG.debug("cannot abort the metadata transaction; dropping the producer", e);
            dropProducer();
        }
    }

    private void dropProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** Tells the watchers the committed value of each key, once the view holds what was committed so far. */
    private void rollBack(Set<String> touched) {
        if (touched.isEmpty()) {
            return;
        }
        try {
            MetadataWaits.await(sync.sync(), timeout, "syncing metadata after a failed change");
        } catch (IOException e) {
            LOG.warn("cannot sync metadata after a failed change; rolling back to this node's view", e);
        }
        try {
            MetadataWaits.await(applier.redeliver(touched), timeout, "rolling back the view of " + touched);
        } catch (IOException e) {
            LOG.error("cannot roll back the view of {} after a failed change", touched, e);
        }
    }

    private static void pause(int attempt) throws InterruptedIOException {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(BACKOFF_MILLIS << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted between attempts of a metadata change");
        }
    }

    /** Closes the producer, once the change running (if any) has finished. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            dropProducer();
        } finally {
            lock.unlock();
        }
    }
}
