package io.sluice.engine.store;

import io.sluice.storage.AppendRecord;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

/**
 * The shard logs of every stream, as the engine uses them: opened and deleted by name, appended to in batches
 * whose future completes once the batch is durable. The local implementation is {@link LocalShardLogStore}
 * (storage's {@code LogStore}); a cluster backend (Kafka partitions) implements the same interface.
 *
 * <p><b>Threading</b>: implementations are thread-safe. {@link #open} and {@link #delete} may block on I/O;
 * {@link #append} only enqueues, and its future may complete on a storage thread, so continuations must not block.
 */
public interface ShardLogStore extends AutoCloseable {

    /** Opens (or creates, or recovers) the named log; opening an open name again returns the same log. */
    ShardLogHandle open(String name) throws IOException;

    /** Closes the named log if it is open and removes what it holds; its pending appends fail. */
    void delete(String name) throws IOException;

    /**
     * Enqueues a batch for the log, in enqueue order.
     *
     * @return the offset of the batch's first record, once the whole batch is durable
     */
    CompletableFuture<Long> append(ShardLogHandle log, List<AppendRecord> records);

    /**
     * Enqueues a batch like {@link #append}, and completes with the offset of each record, in batch order. On a
     * shared log, another node's records may land between this batch's, so its offsets need not be consecutive;
     * on a log with one writer they are, and this is {@link #append} numbered from the first offset.
     */
    default CompletableFuture<long[]> appendEach(ShardLogHandle log, List<AppendRecord> records) {
        return append(log, records).thenApply(first -> LongStream.range(first, first + records.size()).toArray());
    }

    /**
     * Completes, with the log's end offset, once every append enqueued to the log before this call has completed
     * (or failed): resharding stops routing appends to a shard, then awaits this before it seals the shard.
     */
    CompletableFuture<Long> barrier(ShardLogHandle log);

    /**
     * Fixes the end of a shard the metadata has closed at {@code closedAtMillis}: completes with the offset past
     * which no record of the log will ever be read. On one node that is {@link #barrier} (the engine stopped
     * routing appends to the shard first). On a shared log, nodes that have not yet seen the shard close may
     * still append to it: the store writes a seal marker, and the end is the offset of the FIRST marker in the
     * log (another node may have sealed it before), which reads never pass. Calling it again gives the same end.
     */
    default CompletableFuture<Long> seal(ShardLogHandle log, long closedAtMillis) {
        return barrier(log);
    }

    /**
     * Tells a backend that trims logs by itself (Kafka's {@code retention.ms}) how long a stream's logs (those
     * under {@code logDirectory}) keep their records; the engine calls it at every retention check, so it must be
     * cheap when nothing changes. The local store trims on {@link ShardLogHandle#deleteSegmentsOlderThan} instead.
     */
    default void retain(String logDirectory, long retentionMillis) throws IOException {
    }

    /**
     * Whether other nodes append to these logs too (a cluster backend): the engine then checks each append
     * against the shard's seal before acknowledging it.
     */
    default boolean shared() {
        return false;
    }

    @Override
    void close();
}
