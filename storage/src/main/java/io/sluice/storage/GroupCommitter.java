package io.sluice.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for all the logs of a {@link LogStore}. Appends from any thread queue up (FIFO); each step
 * ({@link #runOnce()}) takes everything queued, across all logs, writes each log's pending entries with one write
 * call, then forces the logs it touched <em>in parallel</em> (when the config says fsync) and, per log, as soon as
 * that log's own force is done, publishes its new end and completes its futures. A step ends when every log of
 * its batch is done, so one log's batches are written, forced and published in queue order; appends that arrive
 * during a step form the next batch, and share its fsync.
 *
 * <p><b>Why parallel forces</b>: forcing the touched files one after another made the k-th shard of a batch wait
 * for k−1 fsyncs; with 512 shards a batch took 512 sequential fsyncs. The device queues concurrent forces and the
 * file system's journal merges them, so {@link LogConfig#forceThreads()} forces in flight cut a batch to about
 * (touched logs ÷ threads) fsync times. One log is always forced on the committer thread itself, so a batch that
 * touches one log pays no thread handoff.
 *
 * <p><b>Barriers</b> ({@link #barrier}): a barrier queued for a log completes, with the log's end offset, after
 * every append queued to that log before it has completed (published or failed). Resharding uses it to seal a
 * shard only once nothing routed to it before the reshard is still on its way.
 *
 * <p><b>Back-pressure</b>: the encoded bytes of appends submitted and not yet completed are capped by
 * {@link LogConfig#maxQueuedBytes()}. Over the cap, {@link #submit} waits on a {@link Condition} (never under a
 * monitor) up to {@link LogConfig#maxQueueWaitMillis()}, then returns a future failed with a
 * {@link BackPressureException}. A single append larger than the cap is accepted when nothing else waits.
 *
 * <p>A failure affects only the log it happened in (see {@link ShardLog}); its futures fail with an
 * {@link IOException} (anything else is wrapped in one).
 *
 * <p><b>Threading.</b> {@link #submit}, {@link #barrier} and {@link #close} from any thread. {@link #runOnce()} and
 * {@link #run()} from one thread at a time: the store's committer thread, or a test stepping by hand. Futures
 * complete on that thread or on a forcing thread, so continuations attached without an executor run there and
 * delay that log's (or the batch's) completion.
 */
final class GroupCommitter {

    private final LogConfig config;
    private final Executor forcers;
    private final EventReporter reporter;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    private final Condition roomFreed = lock.newCondition();

    // guarded by lock
    private List<PendingAppend> queue = new ArrayList<>();
    private long queuedBytes;
    private boolean closed;

    /** {@code forcers} runs the parallel forces; a batch never hands it more than forceThreads − 1 tasks. */
    GroupCommitter(LogConfig config, Executor forcers, EventReporter reporter) {
        this.config = config;
        this.forcers = forcers;
        this.reporter = reporter;
    }

    /**
     * Queues an append, waiting for room under the back-pressure cap; the future fails at once if the committer is
     * closed, with a {@link BackPressureException} if no room opened in time, or with an
     * {@link InterruptedIOException} if the caller was interrupted while waiting (its interrupt status is kept).
     */
    CompletableFuture<Long> submit(ShardLog log, List<AppendRecord> records, int bytes) {
        PendingAppend append = new PendingAppend(log, records, bytes, new CompletableFuture<>());
        long waitNanos = TimeUnit.MILLISECONDS.toNanos(config.maxQueueWaitMillis());
        lock.lock();
        try {
            while (!closed && queuedBytes > 0 && queuedBytes + bytes > config.maxQueuedBytes()) {
                if (waitNanos <= 0) {
                    long queued = queuedBytes;
                    reporter.appendRejected(queued, config.maxQueuedBytes());
                    return CompletableFuture.failedFuture(new BackPressureException(queued,
                            config.maxQueuedBytes()));
                }
                try {
                    waitNanos = roomFreed.awaitNanos(waitNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return CompletableFuture.failedFuture(new InterruptedIOException("interrupted waiting for room "
                            + "in the commit queue"));
                }
            }
            if (closed) {
                return CompletableFuture.failedFuture(new IOException("log store is closed"));
            }
            enqueue(append);
            queuedBytes += bytes;
        } finally {
            lock.unlock();
        }
        return append.future();
    }

    /** Queues a barrier for the log (see the class comment); never waits for room. */
    CompletableFuture<Long> barrier(ShardLog log) {
        PendingAppend barrier = PendingAppend.barrier(log);
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IOException("log store is closed"));
            }
            enqueue(barrier);
        } finally {
            lock.unlock();
        }
        return barrier.future();
    }

    private void enqueue(PendingAppend append) {
        queue.add(append);
        if (queue.size() == 1) {
            workArrived.signalAll();
        }
    }

    /** Encoded bytes of appends accepted and not yet completed. */
    long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting appends; {@link #run()} returns once everything already queued is committed. */
    void close() {
        lock.lock();
        try {
            closed = true;
            workArrived.signalAll();
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The committer thread's loop: steps until closed and drained. Interrupts are ignored; close() stops it. */
    void run() {
        while (awaitWork()) {
            runOnce();
        }
    }

    /** Commits everything queued now, as one batch; returns the number of appends and barriers handled. */
    int runOnce() {
        List<PendingAppend> batch = drain();
        if (!batch.isEmpty()) {
            commit(batch);
            release(batch);
        }
        return batch.size();
    }

    private boolean awaitWork() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                workArrived.awaitUninterruptibly();
            }
            return !queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private List<PendingAppend> drain() {
        lock.lock();
        try {
            List<PendingAppend> batch = queue;
            queue = new ArrayList<>();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void release(List<PendingAppend> batch) {
        long bytes = 0;
        for (PendingAppend append : batch) {
            bytes += append.bytes();
        }
        lock.lock();
        try {
            queuedBytes -= bytes;
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void commit(List<PendingAppend> batch) {
        Map<ShardLog, LogBatch> byLog = new LinkedHashMap<>();
        for (PendingAppend append : batch) {
            LogBatch b = byLog.computeIfAbsent(append.log(), LogBatch::new);
            (append.isBarrier() ? b.barriers : b.appends).add(append);
        }
        List<LogBatch> written = new ArrayList<>(byLog.size());
        for (LogBatch b : byLog.values()) {
            if (b.appends.isEmpty()) {
                continue;
            }
            try {
                b.written = b.log.write(b.appends);
                written.add(b);
            } catch (IOException | RuntimeException e) {
                fail(b.appends, e);
            }
        }
        forceAndPublish(written);
        for (LogBatch b : byLog.values()) {
            for (PendingAppend barrier : b.barriers) {
                barrier.future().complete(b.log.endOffset());
            }
        }
    }

    /** Forces and publishes each written log, in parallel when forcing; returns when all are done. */
    private void forceAndPublish(List<LogBatch> written) {
        int parallel = config.fsync() ? Math.min(config.forceThreads(), written.size()) : 1;
        if (parallel <= 1) {
            written.forEach(GroupCommitter::forceAndPublish);
            return;
        }
        // `parallel` workers (this thread and parallel - 1 forcers) take the logs from a shared counter
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < written.size(); i = next.getAndIncrement()) {
                forceAndPublish(written.get(i));
            }
        };
        List<CompletableFuture<Void>> helpers = new ArrayList<>(parallel - 1);
        for (int i = 1; i < parallel; i++) {
            helpers.add(CompletableFuture.runAsync(worker, forcers));
        }
        worker.run();
        for (CompletableFuture<Void> helper : helpers) {
            helper.join(); // workers catch everything; join only waits
        }
    }

    private static void forceAndPublish(LogBatch b) {
        try {
            b.log.force(b.written);
            b.log.publish(b.written);
        } catch (IOException | RuntimeException e) {
            fail(b.appends, e);
            return;
        }
        for (int i = 0; i < b.appends.size(); i++) {
            b.appends.get(i).future().complete(b.written.firstOffsets()[i]);
        }
    }

    /** One log's share of a batch. */
    private static final class LogBatch {
        final ShardLog log;
        final List<PendingAppend> appends = new ArrayList<>();
        final List<PendingAppend> barriers = new ArrayList<>(0);
        ShardLog.Written written;

        LogBatch(ShardLog log) {
            this.log = log;
        }
    }

    private static void fail(List<PendingAppend> appends, Exception e) {
        IOException cause = e instanceof IOException io ? io : new IOException("append failed", e);
        for (PendingAppend append : appends) {
            append.future().completeExceptionally(cause);
        }
    }
}
