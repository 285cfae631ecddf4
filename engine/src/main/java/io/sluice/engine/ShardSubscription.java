package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.SequenceNumber;
import io.sluice.engine.limits.TokenBucket;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One SubscribeToShard: a position in a shard that moves forward as events are taken. {@link #next} returns as
 * soon as records are appended (woken by the shard's {@link ShardSignal}, not by polling), or an empty event
 * when the heartbeat interval passes, or the final event at the end of a closed shard. The subscription ends after
 * its lifetime (AWS: 5 minutes), when a newer subscription of the same consumer and shard takes over, or when
 * the server stops. Reads are paced at the consumer's per-shard budget (AWS: 2 MiB/s).
 *
 * <p>Threading: {@link #next} is called by one thread (the one streaming the response); {@link #close} may be
 * called from any thread.
 */
public final class ShardSubscription {

    static final int MAX_RECORDS_PER_EVENT = 10_000;
    static final long MAX_BYTES_PER_EVENT = 2L * 1024 * 1024;

    private static final long BUDGET_RECHECK_MILLIS = 20;

    private final Supplier<OpenStream> stream;
    private final int shardIndex;
    private final RecordReader reader;
    private final Clock clock;
    private final long endsAt;
    private final TokenBucket budget;
    private long offset;
    private long millisBehindLatest;
    private boolean finished;
    private volatile boolean closed;

    ShardSubscription(Supplier<OpenStream> stream, int shardIndex, long startOffset, RecordReader reader, Clock clock,
                      long lifetimeMillis, TokenBucket budget) {
        this.stream = stream;
        this.shardIndex = shardIndex;
        this.offset = startOffset;
        this.reader = reader;
        this.clock = clock;
        this.endsAt = clock.millis() + lifetimeMillis;
        this.budget = budget;
    }

    /**
     * The next event, waiting at most {@code heartbeatMillis} for records; null when the subscription is over.
     * Throws ResourceNotFoundException if the stream went away.
     */
    public SubscriptionEvent next(long heartbeatMillis) throws InterruptedException {
        long deadline = System.nanoTime() + heartbeatMillis * 1_000_000;
        while (true) {
            if (finished || closed || clock.millis() >= endsAt) {
                return null;
            }
            OpenStream current = stream.get();
            ShardMeta shard = current.meta().shard(shardIndex);
            CompletableFuture<Void> appended = current.shards().get(shardIndex).nextAppend(offset);
            if (budget != null && !budget.available()) {
                // records already appended complete `appended` at once, so waiting on it would spin: sleep instead
                long left = remaining(deadline);
                if (left <= 0) {
                    return throttled();
                }
                Thread.sleep(Math.min(BUDGET_RECHECK_MILLIS, left));
                continue;
            }
            ReadBatch batch = reader.readAt(current, shard, offset, MAX_RECORDS_PER_EVENT, MAX_BYTES_PER_EVENT);
            if (budget != null) {
                budget.charge(batch.bytes());
            }
            long left = remaining(deadline);
            if (!batch.records().isEmpty() || batch.atEnd() || left <= 0) {
                return take(batch);
            }
            waitFor(appended, left);
        }
    }

    /** An event without records while the budget is spent: the caller's deadline came first. */
    private SubscriptionEvent throttled() {
        return new SubscriptionEvent(List.of(), stream.get().meta().sequenceLayout().before(shardIndex, offset),
                millisBehindLatest, List.of());
    }

    private SubscriptionEvent take(ReadBatch batch) {
        offset = batch.nextOffset();
        millisBehindLatest = batch.millisBehindLatest();
        if (batch.atEnd()) {
            finished = true;
            return new SubscriptionEvent(batch.records(), null, batch.millisBehindLatest(), batch.childShards());
        }
        SequenceNumber continuation = batch.records().isEmpty()
                ? stream.get().meta().sequenceLayout().before(shardIndex, offset)
                : batch.records().getLast().sequenceNumber();
        return new SubscriptionEvent(batch.records(), continuation, batch.millisBehindLatest(), List.of());
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    private static void waitFor(CompletableFuture<Void> appended, long millis) throws InterruptedException {
        if (millis <= 0) {
            return;
        }
        try {
            appended.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException quiet) {
            // nothing appended in time: the caller sends a heartbeat or re-checks its budget
        }
    }

    /** Ends the subscription; the streaming thread sees it at its next wake-up (within a heartbeat). */
    public void close() {
        closed = true;
    }

    public boolean closed() {
        return closed;
    }
}
