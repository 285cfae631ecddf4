/**
 * Sluice storage: the per-shard append-only logs and the metadata store.
 *
 * <p>{@link io.sluice.storage.LogStore} owns the logs under one root directory and commits appends to all of them
 * from one thread, in groups (one write per log and one fsync per touched file per batch).
 * {@link io.sluice.storage.ShardLog} is one shard's log, read concurrently by any number of threads; its on-disk
 * format and the crash-recovery rule are described in {@code Segment} and
 * {@code SparseIndex}. {@link io.sluice.storage.MetadataStore} is a small journal-plus-snapshot
 * key-value store for stream metadata.
 */
package io.sluice.storage;
