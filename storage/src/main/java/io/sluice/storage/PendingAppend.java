package io.sluice.storage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One caller's append waiting for the committer: the records, their encoded size in bytes, and the future to
 * complete with the first record's offset. A barrier has no records: its future completes with the log's end
 * offset once every append queued to the log before it has completed. Immutable; the committer completes the
 * future.
 */
record PendingAppend(ShardLog log, List<AppendRecord> records, int bytes, CompletableFuture<Long> future) {

    static PendingAppend barrier(ShardLog log) {
        return new PendingAppend(log, List.of(), 0, new CompletableFuture<>());
    }

    boolean isBarrier() {
        return records.isEmpty();
    }
}
