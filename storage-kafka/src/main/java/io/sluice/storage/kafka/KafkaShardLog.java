package io.sluice.storage.kafka;

import io.sluice.engine.store.ShardLogHandle;
import io.sluice.storage.ReadResult;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One shard log: a partition of its stream's topic, as this node sees it. Offsets are Kafka offsets; the log's
 * end is the partition's high watermark (what every in-sync replica holds), or the first seal marker once this
 * node knows it ({@link KafkaShardLogStore#seal}).
 *
 * <p>Appends from this node are sent record after record by a per-log {@link SerialExecutor}, in the order they
 * were enqueued, so the producer (idempotent, one per node) keeps them in that order in the partition; another
 * node's records may land between two produce requests of one batch.
 *
 * <p>{@link #endOffset} asks the broker each time (a LATEST iterator taken after any node's acknowledged put
 * must start after it); {@link #offsetForTimestamp} reads the end before it looks the time up, so a record
 * appended meanwhile by any node is never skipped; this node's acknowledged appends and the tail watcher also
 * move the known end at once.
 * A read returns records up to the known end if it lies past the read's start, else asks the broker first, so
 * it never waits for records that are not there. {@link #startOffset} asks the broker each time.
 * Retention is the topic's {@code retention.ms}, so {@link #deleteSegmentsOlderThan} does nothing.
 *
 * <p>Threading: thread-safe. Reads and offset look-ups block on the broker for at most the store's timeout.
 */
final class KafkaShardLog implements ShardLogHandle {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaShardLog.class);

    private final LogName name;
    private final PartitionReader reader;
    private final TailWatcher watcher;
    private final SerialExecutor sends;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Set<CompletableFuture<long[]>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicLong knownEnd = new AtomicLong();
    private final AtomicLong knownStart = new AtomicLong();
    /** The first seal marker, once this node sealed the log; MAX_VALUE before. */
    private final AtomicLong sealOffset = new AtomicLong(Long.MAX_VALUE);
    private volatile boolean deleted;

    KafkaShardLog(LogName name, PartitionReader reader, TailWatcher watcher, Executor sendPool) {
        this.name = name;
        this.sends = new SerialExecutor(sendPool);
        this.reader = reader;
        this.watcher = watcher;
    }

    @Override
    public String name() {
        return name.name();
    }

    TopicPartition partition() {
        return name.partition();
    }

    @Override
    public long startOffset() {
        try {
            return knownStart.accumulateAndGet(reader.startOffset(partition()), Math::max);
        } catch (IOException e) {
            LOG.warn("Cannot read the start offset of {}; using the last one seen", partition(), e);
            return knownStart.get();
        }
    }

    @Override
    public long endOffset() {
        try {
            return Math.min(queryEnd(), sealOffset.get());
        } catch (IOException e) {
            LOG.warn("Cannot read the end offset of {}; using the last one seen", partition(), e);
            return Math.min(knownEnd.get(), sealOffset.get());
        }
    }

    @Override
    public ReadResult read(long fromOffset, int maxRecords, long maxBytes) throws IOException {
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
        }
        // a read that the records known to exist past fromOffset can fill needs no round trip to the broker; one
        // that wants more asks for the end, since other nodes may have appended since this node last looked
        long known = knownEnd.get();
        long limit = Math.min(known - fromOffset >= maxRecords ? known : queryEnd(), sealOffset.get());
        if (fromOffset >= limit) {
            return new ReadResult(List.of(), limit);
        }
        // a marker met here may be a later one (a reader placed past the first): only seal() fixes the end
        return reader.read(partition(), fromOffset, limit, maxRecords, maxBytes).result();
    }

    @Override
    public long offsetForTimestamp(long timestampMillis) throws IOException {
        // the end is read before the look-up: when the look-up finds no record that late, every record below that
        // end is earlier, while an end read after it could pass records any node appended in between
        long end = endOffset();
        OptionalLong found = reader.offsetForTimestamp(partition(), timestampMillis);
        return found.isPresent() ? Math.min(found.getAsLong(), sealOffset.get()) : end;
    }

    @Override
    public CompletableFuture<Void> appendedPast(long offset) {
        return watcher.await(this, offset);
    }

    @Override
    public int deleteSegmentsOlderThan(long cutoffMillis) {
        return 0; // the topic's retention.ms drops old segments (KafkaShardLogStore#retain)
    }

    /**
     * Sends a batch in order behind every earlier append of this node to this log; the sends run on this log's
     * serial executor, so the caller never blocks on the producer.
     */
    CompletableFuture<long[]> append(Producer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records,
                                     Executor completer) {
        appendLock.lock();
        try {
            if (deleted) {
                return CompletableFuture.failedFuture(new IOException("shard log deleted: " + name()));
            }
            PendingBatch batch = new PendingBatch(partition(), records.size(), completer, this::advanceEnd);
            CompletableFuture<long[]> future = batch.future();
            pending.add(future);
            future.whenComplete((offsets, failure) -> pending.remove(future));
            sends.execute(() -> batch.sendAll(producer, records));
            return future;
        } finally {
            appendLock.unlock();
        }
    }

    /** Completes once every append sent before this call has completed or failed. */
    CompletableFuture<Void> appendsBefore() {
        appendLock.lock();
        try {
            return CompletableFuture.allOf(pending.stream()
                    .map(f -> f.handle((offset, failure) -> null))
                    .toArray(CompletableFuture[]::new));
        } finally {
            appendLock.unlock();
        }
    }

    long knownSeal() {
        return sealOffset.get();
    }

    void sealedAt(long offset) {
        sealOffset.accumulateAndGet(offset, Math::min);
    }

    void advanceEnd(long end) {
        knownEnd.accumulateAndGet(end, Math::max);
    }

    long knownEnd() {
        return knownEnd.get();
    }

    /** Fails pending and later appends; the topic is being deleted. */
    void markDeleted() {
        appendLock.lock();
        try {
            deleted = true;
            IOException gone = new IOException("shard log deleted: " + name());
            pending.forEach(f -> f.completeExceptionally(gone));
        } finally {
            appendLock.unlock();
        }
        watcher.forget(this, new IOException("shard log deleted: " + name()));
    }

    private long queryEnd() throws IOException {
        return knownEnd.accumulateAndGet(reader.endOffset(partition()), Math::max);
    }

    @Override
    public String toString() {
        return "KafkaShardLog[" + name() + " -> " + partition() + "]";
    }
}
