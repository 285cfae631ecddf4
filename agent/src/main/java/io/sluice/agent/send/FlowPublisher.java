package io.sluice.agent.send;

import io.sluice.agent.tail.TailedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Hands a flow's full buffers to the sending threads, at most {@code publishQueueCapacity} of them in flight: when
 * that many are queued or being sent, {@link #publish} blocks, and so the flow's reader stops reading (the
 * back-pressure of a slow or unreachable destination on the tailer). A batch is acknowledged to the source through
 * the {@link AckTracker} once sent, in read order.
 *
 * <p>{@link #publish} is called by the flow's reader thread only; the batches run on the shared sending executor,
 * whose size is agent.json's {@code maxSendingThreads}.
 */
public final class FlowPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(FlowPublisher.class);

    private final String flowId;
    private final int aggregatedRecordSizeBytes;
    private final BatchSender sender;
    private final AckTracker acks;
    private final Executor sendingThreads;
    private final Semaphore queue;
    private final int capacity;

    public FlowPublisher(String flowId, int publishQueueCapacity, int aggregatedRecordSizeBytes, BatchSender sender,
                         AckTracker acks, Executor sendingThreads) {
        this.flowId = flowId;
        this.capacity = Math.max(1, publishQueueCapacity);
        this.aggregatedRecordSizeBytes = aggregatedRecordSizeBytes;
        this.sender = sender;
        this.acks = acks;
        this.sendingThreads = sendingThreads;
        this.queue = new Semaphore(capacity);
    }

    /**
     * Queues a batch (non-empty, in read order) for sending, waiting while the flow's queue is full.
     *
     * @throws InterruptedException when the agent stops while waiting: the batch was not queued
     */
    public void publish(List<TailedRecord> batch) throws InterruptedException {
        queue.acquire();
        long sequence = acks.register(batch.get(batch.size() - 1).end());
        List<byte[]> data = new ArrayList<>(batch.size());
        for (TailedRecord record : batch) {
            data.add(record.data());
        }
        List<byte[]> records = Aggregation.pack(data, aggregatedRecordSizeBytes);
        try {
            sendingThreads.execute(() -> run(sequence, records));
        } catch (RejectedExecutionException e) {
            queue.release();
            throw new InterruptedException("the agent is stopping: the sending threads take no more batches");
        }
    }

    private void run(long sequence, List<byte[]> records) {
        try {
            sender.send(records);
            acks.complete(sequence);
        } catch (InterruptedException e) {
            // stopping: the batch stays unacknowledged, so its records are read again at the next start
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("flow {}: sending a batch failed unexpectedly; it stays unacknowledged", flowId, e);
        } finally {
            queue.release();
        }
    }

    /** Batches queued or being sent. */
    public int inFlight() {
        return capacity - queue.availablePermits();
    }

    /** Waits up to {@code timeoutMillis} for every queued batch to be sent; returns whether they all were. */
    public boolean awaitSent(long timeoutMillis) throws InterruptedException {
        if (!queue.tryAcquire(capacity, timeoutMillis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        queue.release(capacity);
        return true;
    }
}
