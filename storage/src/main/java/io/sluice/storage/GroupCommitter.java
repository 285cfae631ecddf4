package io.sluice.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Group commit for all the logs of a {@link LogStore}. Appends from any thread queue up; each step
 * ({@link #runOnce()}) takes everything queued, across all logs, and for each log writes its pending entries with
 * one write call, forces each touched segment file once (when the config says fsync), and only then publishes the
 * log's new end and completes the futures. Appends that arrive during a step form the next batch, so the cost of
 * an fsync is shared by everything that queued up while the previous one ran.
 *
 * <p>A failure affects only the log it happened in (see {@link ShardLog}); its futures fail with an
 * {@link IOException} (anything else is wrapped in one).
 *
 * <p><b>Threading.</b> {@link #submit} and {@link #close} from any thread. {@link #runOnce()} and {@link #run()}
 * from one thread at a time: the store's committer thread, or a test stepping by hand. Futures are completed on
 * that thread, so continuations attached without an executor run there and delay the next batch.
 */
final class GroupCommitter {

    private List<PendingAppend> queue = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    /** Queues an append; the future fails at once if the committer is closed. */
    CompletableFuture<Long> submit(ShardLog log, List<AppendRecord> records, int bytes) {
        PendingAppend append = new PendingAppend(log, records, bytes, new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IOException("log store is closed"));
            }
            queue.add(append);
            if (queue.size() == 1) {
                notifyAll();
            }
        }
        return append.future();
    }

    /** Stops accepting appends; {@link #run()} returns once everything already queued is committed. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** The committer thread's loop: steps until closed and drained. Interrupts are ignored; close() stops it. */
    void run() {
        while (awaitWork()) {
            runOnce();
        }
    }

    /** Commits everything queued now, as one batch; returns the number of appends handled. */
    int runOnce() {
        List<PendingAppend> batch = drain();
        if (!batch.isEmpty()) {
            commit(batch);
        }
        return batch.size();
    }

    private synchronized boolean awaitWork() {
        while (queue.isEmpty() && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                // the thread belongs to the store and stops only through close()
            }
        }
        return !queue.isEmpty();
    }

    private synchronized List<PendingAppend> drain() {
        List<PendingAppend> batch = queue;
        queue = new ArrayList<>();
        return batch;
    }

    private static void commit(List<PendingAppend> batch) {
        Map<ShardLog, List<PendingAppend>> byLog = new LinkedHashMap<>();
        for (PendingAppend append : batch) {
            byLog.computeIfAbsent(append.log(), log -> new ArrayList<>()).add(append);
        }
        List<LogBatch> written = new ArrayList<>(byLog.size());
        byLog.forEach((log, appends) -> {
            try {
                written.add(new LogBatch(log, appends, log.write(appends)));
            } catch (IOException | RuntimeException e) {
                fail(appends, e);
            }
        });
        for (LogBatch b : written) {
            try {
                b.log.force(b.written);
                b.log.publish(b.written);
            } catch (IOException | RuntimeException e) {
                fail(b.appends, e);
                continue;
            }
            for (int i = 0; i < b.appends.size(); i++) {
                b.appends.get(i).future().complete(b.written.firstOffsets()[i]);
            }
        }
    }

    private record LogBatch(ShardLog log, List<PendingAppend> appends, ShardLog.Written written) {
    }

    private static void fail(List<PendingAppend> appends, Exception e) {
        IOException cause = e instanceof IOException io ? io : new IOException("append failed", e);
        for (PendingAppend append : appends) {
            append.future().completeExceptionally(cause);
        }
    }
}
