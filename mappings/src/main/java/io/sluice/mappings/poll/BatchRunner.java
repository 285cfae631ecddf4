package io.sluice.mappings.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingSettings;
import io.sluice.mappings.invoke.LambdaInvoker;
import io.sluice.mappings.invoke.LambdaInvoker.Invocation;
import io.sluice.mappings.poll.InvocationRecordWriter.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Lambda's failure semantics for one mapping's batches: what to invoke next for a slice ({@link #prepare}) and
 * what an invocation's outcome means for the batch ({@link #apply}).
 * <ul>
 *   <li>A function error retries the whole batch after a back-off, until it succeeds or MaximumRetryAttempts
 *       retries have failed; with BisectBatchOnFunctionError a failing batch of two or more records is split in
 *       halves, tried at once and in order, and the split does not count as a retry.</li>
 *   <li>A throttle or an unreachable function is retried after a back-off without counting, until the records
 *       are too old.</li>
 *   <li>A batch whose oldest record is older than MaximumRecordAgeInSeconds (or than the stream's retention) is
 *       discarded before it is invoked.</li>
 *   <li>ReportBatchItemFailures: the records before the lowest failed one are done, the rest are retried
 *       (a retry); see {@link FunctionResponse} for what counts as a complete success or failure.</li>
 *   <li>A discarded batch's invocation record goes to the on-failure destination first; if that fails the
 *       batch stays and the discard is tried again after a back-off, so the shard never moves past records
 *       that were neither processed nor recorded.</li>
 * </ul>
 *
 * <p><b>Threading</b>: {@link #prepare} and {@link #apply} on the mapping's task thread; {@link #invoke} on any.
 */
final class BatchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);
    private static final int MAX_STATE_BYTES = 1024 * 1024;

    /** An invocation to make. */
    record Call(ShardPoller shard, Slice slice, Batch batch, byte[] payload) {
    }

    /** What an invocation gave: an answer, or the failure to reach the function. */
    record Result(Invocation invocation, IOException error) {
    }

    private final EventSourceMapping mapping;
    private final MappingSettings settings;
    private final String streamArn;
    private final KinesisEventWriter writer;
    private final LambdaInvoker invoker;
    private final FailureDestinations destinations;
    private final MappingObserver observer;
    private final PollerSettings pollerSettings;
    private final Consumer<String> lastResult;

    BatchRunner(EventSourceMapping mapping, String streamArn, KinesisEventWriter writer, LambdaInvoker invoker,
                FailureDestinations destinations, MappingObserver observer, PollerSettings pollerSettings,
                Consumer<String> lastResult) {
        this.mapping = mapping;
        this.settings = mapping.settings();
        this.streamArn = streamArn;
        this.writer = writer;
        this.invoker = invoker;
        this.destinations = destinations;
        this.observer = observer;
        this.pollerSettings = pollerSettings;
        this.lastResult = lastResult;
    }

    /** The invocation a slice should make now, or null; discards the batches that may no longer be invoked. */
    Call prepare(ShardPoller shard, Slice slice, long now, long retentionMillis) {
        long windowMillis = settings.tumblingWindowSeconds() * 1000L;
        while (true) {
            Batch batch = slice.next(now, settings.batchSize(), settings.maximumBatchingWindowSeconds() * 1000L,
                    windowMillis, shard.caughtUp(), shard.ended());
            if (batch == null || batch.notBefore > now) {
                return null;
            }
            if (batch.discarding != null) {
                if (!discard(shard, slice, batch, batch.discarding, now)) {
                    return null;
                }
                continue;
            }
            if (!batch.records.isEmpty()) {
                long age = now - batch.oldestArrival();
                if (settings.maximumRecordAgeSeconds() >= 0 && age > settings.maximumRecordAgeSeconds() * 1000L
                        || age > retentionMillis) {
                    if (!discard(shard, slice, batch, Condition.RecordAgeExceeded, now)) {
                        return null;
                    }
                    continue;
                }
            }
            WindowContext window = null;
            if (windowMillis > 0) {
                if (slice.window == null) {
                    slice.window = new Slice.OpenWindow(Slice.windowOf(batch.records.getFirst(), windowMillis),
                            JsonNodeFactory.instance.objectNode());
                }
                window = new WindowContext(slice.window.start, slice.window.start + windowMillis,
                        slice.window.state, batch.finalForWindow, slice.window.terminatedEarly);
            }
            byte[] payload = writer.event(shard.shardId, batch.records, window);
            if (payload.length > KinesisEventWriter.MAX_PAYLOAD_BYTES && batch.records.size() == 1) {
                if (!discard(shard, slice, batch, Condition.MaximumPayloadSizeExceeded, now)) {
                    return null;
                }
                continue;
            }
            if (payload.length > KinesisEventWriter.MAX_PAYLOAD_BYTES) {
                split(slice, batch);
                continue;
            }
            return new Call(shard, slice, batch, payload);
        }
    }

    Result invoke(Call call) {
        try {
            return new Result(invoker.invoke(mapping.functionArn(), call.payload()), null);
        } catch (IOException e) {
            return new Result(null, e);
        }
    }

    void apply(Call call, Result result, long now) {
        Batch batch = call.batch();
        Slice slice = call.slice();
        batch.invokeCount++;
        if (result.error() != null) {
            LOG.debug("mapping {} could not reach {}: {}", mapping.uuid(), mapping.functionArn(),
                    result.error().toString());
            lastResult.accept("PROBLEM: Function call failed");
            backOff(batch, now);
            return;
        }
        Invocation answer = result.invocation();
        if (answer.throttled()) {
            observer.throttled(mapping.uuid(), mapping.functionArn());
            lastResult.accept("PROBLEM: Function call throttled");
            backOff(batch, now);
            return;
        }
        batch.lastAnswer = answer;
        int size = batch.records.size();
        FunctionResponse response = answer.succeeded()
                ? FunctionResponse.read(answer.body(), batch.records, settings.reportBatchItemFailures(),
                settings.tumblingWindowSeconds() > 0 && !batch.finalForWindow)
                : null;
        boolean failed = response == null || response.outcome() == FunctionResponse.Outcome.FAILED;
        observer.invoked(mapping.uuid(), mapping.functionArn(), size, failed);
        if (size > 0) {
            observer.iteratorAge(mapping.uuid(), mapping.functionArn(),
                    now - batch.records.getLast().arrivalMillis());
        }
        if (failed) {
            functionError(call.shard(), slice, batch, now);
            return;
        }
        if (response.outcome() == FunctionResponse.Outcome.PARTIAL) {
            keepState(slice, response.state());
            for (int i = 0; i < response.firstFailed(); i++) {
                batch.records.get(i).done = true;
            }
            Batch rest = batch.part(response.firstFailed(), size);
            slice.batches.removeFirst();
            slice.batches.addFirst(rest);
            lastResult.accept("PROBLEM: Function call failed");
            countRetry(call.shard(), slice, rest, now);
            return;
        }
        slice.batches.removeFirst();
        batch.records.forEach(r -> r.done = true);
        if (batch.finalForWindow) {
            slice.window = null;
        } else {
            keepState(slice, response.state());
        }
        lastResult.accept("OK");
    }

    private void keepState(Slice slice, JsonNode state) {
        if (state == null || slice.window == null) {
            return;
        }
        slice.window.state = state;
        if (state.toString().length() > MAX_STATE_BYTES) {
            slice.window.terminatedEarly = true;
        }
    }

    private void functionError(ShardPoller shard, Slice slice, Batch batch, long now) {
        lastResult.accept("PROBLEM: Function call failed");
        if (settings.bisectBatchOnFunctionError() && batch.records.size() > 1) {
            split(slice, batch);
            return;
        }
        countRetry(shard, slice, batch, now);
    }

    /** Counts a retry of the front batch; discards it once MaximumRetryAttempts retries have failed. */
    private void countRetry(ShardPoller shard, Slice slice, Batch batch, long now) {
        batch.retries++;
        if (settings.maximumRetryAttempts() >= 0 && batch.retries > settings.maximumRetryAttempts()) {
            discard(shard, slice, batch, Condition.RetryAttemptsExhausted, now);
            return;
        }
        backOff(batch, now);
    }

    /** Replaces the front batch by its two halves, the first half in front. */
    private static void split(Slice slice, Batch batch) {
        int half = batch.records.size() / 2;
        slice.batches.removeFirst();
        slice.batches.addFirst(batch.part(half, batch.records.size()));
        slice.batches.addFirst(batch.part(0, half));
    }

    private void backOff(Batch batch, long now) {
        batch.failures++;
        batch.notBefore = now + pollerSettings.backoffMillis(batch.failures);
    }

    /**
     * Gives up on the front batch: sends its invocation record to the destination (if any), then marks its
     * records done. False if the destination could not take the record: the batch stays, tried again later.
     */
    private boolean discard(ShardPoller shard, Slice slice, Batch batch, Condition condition, long now) {
        String destination = settings.onFailureDestination();
        batch.discarding = condition;
        if (destination != null) {
            byte[] record = InvocationRecordWriter.write(mapping.functionArn(), condition, batch.invokeCount,
                    batch.lastAnswer, now, shard.shardId, batch.records, streamArn);
            try {
                destinations.send(mapping.uuid(), destination, record);
            } catch (IOException | RuntimeException e) {
                LOG.warn("mapping {} could not send the invocation record of a discarded batch of {} to {}; it "
                        + "tries again", mapping.uuid(), shard.shardId, destination, e);
                lastResult.accept("PROBLEM: On-failure destination unavailable");
                backOff(batch, now);
                return false;
            }
        }
        slice.batches.removeFirst();
        batch.records.forEach(r -> r.done = true);
        if (batch.finalForWindow) {
            slice.window = null;
        }
        observer.dropped(mapping.uuid(), mapping.functionArn(), batch.records.size());
        return true;
    }
}
