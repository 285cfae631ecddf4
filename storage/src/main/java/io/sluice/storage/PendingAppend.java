package io.sluice.storage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One caller's append waiting for the committer: the records, their encoded size in bytes, and the future to
 * complete with the first record's offset. Immutable; the committer completes the future.
 */
record PendingAppend(ShardLog log, List<AppendRecord> records, int bytes, CompletableFuture<Long> future) {
}
