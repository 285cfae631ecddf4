/**
 * Sluice storage: the per-shard append-only logs and the metadata store.
 *
 * <p>{@link io.sluice.storage.LogStore} owns the logs under one root directory and commits appends to all of them
 * from one thread, in groups (one write per log per batch, the touched files forced in parallel), with a cap on
 * queued bytes (back-pressure) and a barrier per log. Failures are fail-stop per log and, like every recovery
 * cut, logged and reported to {@link io.sluice.storage.StorageEvents}. No class here holds a monitor
 * ({@code synchronized}): a virtual thread blocking in one would pin its carrier.
 * {@link io.sluice.storage.ShardLog} is one shard's log, read concurrently by any number of threads; its on-disk
 * format and the crash-recovery rule are described in {@code Segment} and
 * {@code SparseIndex}. {@link io.sluice.storage.MetadataStore} is a small journal-plus-snapshot
 * key-value store for stream metadata.
 */
package io.sluice.storage;
