package io.sluice.firehose.delivery;

import io.sluice.common.Clock;
import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskId;
import io.sluice.firehose.buffer.BufferedRecord;
import io.sluice.firehose.buffer.DurableBuffer;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.processing.FailedRecord;
import io.sluice.firehose.processing.ProcessedRecord;
import io.sluice.firehose.processing.ProcessingPipeline;
import io.sluice.firehose.processing.StageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.random.RandomGenerator;

/**
 * Moves one delivery stream's records from its durable buffer to its destination, one step per {@link #doWork}:
 * deliver the sealed batches that are due, read and process more records into open buffers (one per route and
 * partition), seal the buffers the hints say are ready, deliver again, and move the checkpoint to the first
 * record not yet delivered everywhere.
 *
 * <p><b>Retries</b>: a failed batch waits {@link Backoff} before its next attempt, and no more records are read
 * meanwhile (they wait, durable, in the buffer). An HTTP endpoint batch is retried for the destination's
 * RetryOptions duration, then written to the S3 error output; S3 batches are retried until their oldest record
 * is {@code maxRecordAgeMillis} old, then dropped, as AWS drops DirectPut data after 24 hours.
 *
 * <p><b>Threading</b>: a single-threaded {@link Task}: {@link #doWork}, {@link #checkpoint} and {@link #onClose}
 * run on the task's one thread (a {@code TaskRunner}'s, or a test's that steps it by hand with a manual clock),
 * which alone touches the worker's state, so a step that blocks on delivery holds no lock. Other threads only
 * hand over changes, {@link #reconfigure} and {@link #stopDelivering}, through a queue that the next step drains
 * first; the caller wakes the task so that it comes soon.
 *
 * <p><b>Moving between nodes</b> (cluster mode): when the task arrives on a node, {@link #resume} drops whatever
 * this worker held in memory (an earlier stint here may have left open buffers whose records another node has
 * delivered since) and goes on from the buffer's stored checkpoint and the source's stored positions; records
 * delivered by the previous owner after its last checkpoint are delivered again: at least once.
 */
public final class DeliveryWorker implements Task {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int READ_RECORDS = 500;
    private static final long READ_BYTES = 4L << 20;
    private static final int READS_PER_RUN = 64;

    /** The limits of one stream's delivery. */
    public record Limits(long maxInMemoryBytes, long maxRecordAgeMillis) {
    }

    private final TaskId id;
    private final String streamName;
    private final long activeAtMillis;
    private final DurableBuffer buffer;
    private final BufferSource source;
    private final Backoff backoff;
    private final Clock clock;
    private final DeliveryObserver observer;
    private final Limits limits;
    private final RandomGenerator random;
    private final ErrorRecords errorRecords = new ErrorRecords();
    private final Map<BufferKey, OpenBuffer> open = new LinkedHashMap<>();
    private final ArrayDeque<Batch> sealed = new ArrayDeque<>();
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private Routes routes;
    private ProcessingPipeline pipeline;
    private long readOffset;
    private long inMemoryBytes;
    private boolean stopped;

    private record BufferKey(Batch.Route route, Map<String, String> partitionKeys, String errorOutputType) {
    }

    /**
     * @param activeAtMillis the worker does nothing before this time (the delivery stream is CREATING)
     * @param source         pulls new records into the buffer first on each step (a Kinesis stream source), or
     *                       does nothing (DirectPut)
     */
    public DeliveryWorker(TaskId id, String streamName, long activeAtMillis, DurableBuffer buffer, BufferSource source,
                          Routes routes, ProcessingPipeline pipeline, Backoff backoff, Clock clock,
                          DeliveryObserver observer, Limits limits, RandomGenerator random) {
        this.id = id;
        this.streamName = streamName;
        this.activeAtMillis = activeAtMillis;
        this.buffer = buffer;
        this.source = source;
        this.routes = routes;
        this.pipeline = pipeline;
        this.backoff = backoff;
        this.clock = clock;
        this.observer = observer;
        this.limits = limits;
        this.random = random;
        this.readOffset = buffer.checkpoint();
    }

    @Override
    public TaskId id() {
        return id;
    }

    /**
     * Hands over a new configuration (after UpdateDestination): records read from the next step on follow it.
     * Any thread.
     */
    public void reconfigure(Routes newRoutes, ProcessingPipeline newPipeline) {
        commands.add(() -> apply(newRoutes, newPipeline));
    }

    /** Ends delivery from the next step on (the delivery stream is being deleted). Any thread. */
    public void stopDelivering() {
        commands.add(() -> stopped = true);
    }

    private void apply(Routes newRoutes, ProcessingPipeline newPipeline) {
        this.routes = newRoutes;
        this.pipeline = newPipeline;
        if (newRoutes.backup() == null) {
            // the backup was switched off (HTTP endpoint AllData to FailedDataOnly): what it held goes nowhere
            open.keySet().removeIf(key -> key.route() == Batch.Route.BACKUP);
            sealed.removeIf(batch -> batch.route() == Batch.Route.BACKUP);
            inMemoryBytes = open.values().stream().mapToLong(OpenBuffer::bytes).sum()
                    + sealed.stream().mapToLong(Batch::bytes).sum();
        }
    }

    /**
     * One step: apply the changes handed over, then pull from the source, deliver what is due, read and process
     * more records, seal and deliver again, and move the buffer's checkpoint.
     *
     * @return records read plus batches delivered plus changes applied; 0 when there was nothing to do
     */
    @Override
    public int doWork() {
        int work = 0;
        for (Runnable command; (command = commands.poll()) != null; work++) {
            command.run();
        }
        long now = clock.millis();
        if (stopped || now < activeAtMillis) {
            return work;
        }
        source.run();
        work += deliverDue(now);
        for (int reads = 0; reads < READS_PER_RUN && sealed.isEmpty() && inMemoryBytes < limits.maxInMemoryBytes();
             reads++) {
            List<BufferedRecord> records = buffer.read(readOffset, READ_RECORDS, READ_BYTES);
            if (records.isEmpty()) {
                break;
            }
            readOffset = records.getLast().offset() + 1;
            work += records.size();
            take(records);
            seal(now, false);
        }
        seal(now, true);
        work += deliverDue(now);
        checkpoint();
        return work;
    }

    /** Reloads the checkpoint and the source positions, and reads on from the checkpoint. */
    @Override
    public void resume() {
        open.clear();
        sealed.clear();
        inMemoryBytes = 0;
        buffer.reload();
        source.resume();
        readOffset = buffer.checkpoint();
    }

    /** Makes the buffer's checkpoint the first record not yet delivered everywhere. */
    @Override
    public void checkpoint() {
        buffer.commit(firstUndelivered());
    }

    /** Offset of the first record not yet delivered everywhere: what a restart would read again from. */
    private long firstUndelivered() {
        long first = readOffset;
        for (OpenBuffer b : open.values()) {
            first = Math.min(first, b.firstOffset());
        }
        for (Batch b : sealed) {
            first = Math.min(first, b.firstOffset());
        }
        return first;
    }

    private void take(List<BufferedRecord> records) {
        List<ProcessedRecord> input = new ArrayList<>(records.size());
        for (BufferedRecord record : records) {
            input.add(ProcessedRecord.of(record));
            if (routes.backup() != null) {
                add(new BufferKey(Batch.Route.BACKUP, Map.of(), null), record.data(), record.arrivalMillis(),
                        record.offset());
            }
        }
        long started = clock.millis();
        StageResult result = pipeline.apply(input);
        if (!pipeline.isEmpty()) {
            observer.processed(streamName, Duration.ofMillis(clock.millis() - started), result.failed().isEmpty(),
                    result.records().size(), result.records().stream().mapToLong(r -> r.data().length).sum());
        }
        for (ProcessedRecord record : result.records()) {
            Map<String, String> partition = routes.partitioned() ? record.partitionKeys() : Map.of();
            add(new BufferKey(Batch.Route.MAIN, partition, null), record.data(), record.arrivalMillis(),
                    record.sourceOffset());
        }
        for (FailedRecord failed : result.failed()) {
            add(new BufferKey(Batch.Route.ERRORS, Map.of(), failed.errorOutputType()),
                    errorRecords.encode(failed),
                    failed.arrivalMillis(), failed.sourceOffset());
        }
    }

    private void add(BufferKey key, byte[] data, long arrivalMillis, long sourceOffset) {
        open.computeIfAbsent(key, k -> new OpenBuffer(k.route(), k.partitionKeys(), k.errorOutputType()))
                .add(data, arrivalMillis, sourceOffset);
        inMemoryBytes += data.length;
    }

    /** Seals the buffers that are full, and with {@code byTime} also those whose interval has passed. */
    private void seal(long now, boolean byTime) {
        var it = open.entrySet().iterator();
        while (it.hasNext()) {
            var entry = it.next();
            BufferingHints hints = routes.hints(entry.getKey().route());
            long interval = byTime ? hints.intervalMillis() : Long.MAX_VALUE;
            if (entry.getValue().due(now, hints.sizeBytes(), interval)) {
                sealed.add(entry.getValue().seal(new UUID(random.nextLong(), random.nextLong()).toString()));
                it.remove();
            }
        }
    }

    /** Delivers the batches due, in order, until one fails; returns how many were delivered or given up. */
    private int deliverDue(long now) {
        int done = 0;
        while (!sealed.isEmpty() && sealed.peek().nextAttemptMillis() <= now) {
            Batch batch = sealed.peek();
            DeliveryObserver.Target target = routes.target(batch.route());
            try {
                routes.sink(batch.route()).deliver(batch);
                sealed.poll();
                inMemoryBytes -= batch.bytes();
                done++;
                observer.delivered(streamName, target, batch.entries().size(), batch.bytes(),
                        Duration.ofMillis(Math.max(0, now - batch.oldestArrivalMillis())));
            } catch (DeliveryException e) {
                observer.deliveryFailed(streamName, target);
                batch.attempted(now, now + backoff.delayMillis(batch.attempts() + 1));
                if (giveUpIfDue(batch, e, now)) {
                    done++;
                } else {
                    // the first failure of a batch is news to an operator; its retries mostly are not
                    if (batch.attempts() == 1) {
                        LOG.warn("{}: delivery to {} failed, will retry: {}", streamName, target, e.getMessage());
                    } else {
                        LOG.debug("{}: delivery to {} failed (attempt {}): {}", streamName, target,
                                batch.attempts(), e.getMessage());
                    }
                    return done;
                }
            }
        }
        return done;
    }

    /** Ends the retries of a batch that is out of them; true if it is gone from the head of the queue. */
    private boolean giveUpIfDue(Batch batch, DeliveryException e, long now) {
        boolean retryWindow = batch.route() == Batch.Route.MAIN && routes.mainRetryMillis() >= 0;
        if (retryWindow && (e.permanent() || now - batch.firstAttemptMillis() >= routes.mainRetryMillis())) {
            sealed.poll();
            inMemoryBytes -= batch.bytes();
            Batch errors = toErrorBatch(batch, e, now);
            inMemoryBytes += errors.bytes();
            sealed.addFirst(errors);
            observer.givenUp(streamName, routes.target(batch.route()), batch.entries().size());
            LOG.warn("{}: gave up delivering {} records after {} attempts ({}); writing them to the error output",
                    streamName, batch.entries().size(), batch.attempts(), e.getMessage());
            return true;
        }
        if (!retryWindow && now - batch.oldestArrivalMillis() >= limits.maxRecordAgeMillis()) {
            sealed.poll();
            inMemoryBytes -= batch.bytes();
            observer.givenUp(streamName, routes.target(batch.route()), batch.entries().size());
            LOG.error("{}: dropped {} records that could not be delivered for {} ms: {}", streamName,
                    batch.entries().size(), limits.maxRecordAgeMillis(), e.getMessage());
            return true;
        }
        return false;
    }

    private Batch toErrorBatch(Batch failed, DeliveryException e, long now) {
        List<Batch.Entry> entries = new ArrayList<>(failed.entries().size());
        for (Batch.Entry entry : failed.entries()) {
            FailedRecord record = new FailedRecord(failed.firstOffset(), entry.arrivalMillis(), entry.data(),
                    e.code(), e.getMessage(), failed.attempts(), now, null);
            entries.add(new Batch.Entry(errorRecords.encode(record), entry.arrivalMillis()));
        }
        return new Batch(Batch.Route.ERRORS, Map.of(), routes.giveUpErrorType(), entries, failed.firstOffset(),
                failed.requestId());
    }
}
