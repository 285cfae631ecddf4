package io.sluice.engine.store;

import io.sluice.storage.ReadResult;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One open shard log, as the engine reads and trims it; appends go through {@link ShardLogStore#append}. Offsets
 * count records from 0 and never go back.
 *
 * <p><b>Threading</b>: implementations are thread-safe; reads run concurrently with appends and see only durable
 * records.
 */
public interface ShardLogHandle {

    String name();

    /** The offset of the oldest record still held (retention removes older ones). */
    long startOffset();

    /** The offset the next appended record will get: one past the last durable record. */
    long endOffset();

    /**
     * Up to {@code maxRecords} records (and about {@code maxBytes}) from {@code fromOffset}, or fewer. A read never
     * returns a record at or past a seal marker ({@link ShardLogStore#seal}): it ends before the first one.
     */
    ReadResult read(long fromOffset, int maxRecords, long maxBytes) throws IOException;

    /** The offset of the first record that arrived at or after the time, or {@link #endOffset()} if none. */
    long offsetForTimestamp(long timestampMillis) throws IOException;

    /**
     * Completes once the log's end passes {@code offset} because of an append made by another node (appends made
     * through this node's store are signalled by the engine itself); null when no other node appends to the log.
     */
    default CompletableFuture<Void> appendedPast(long offset) {
        return null;
    }

    /** Drops whole stretches of records that arrived before the cutoff; returns how many stretches it dropped. */
    int deleteSegmentsOlderThan(long cutoffMillis) throws IOException;
}
