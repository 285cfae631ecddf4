package io.sluice.mappings.poll;

import io.sluice.common.Clock;
import io.sluice.common.ServiceException;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.ShardMeta;
import io.sluice.engine.StreamKey;
import io.sluice.engine.StreamMeta;
import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskId;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingSettings;
import io.sluice.mappings.filter.EventFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One mapping's poller as an engine task: each step lists the stream's shards, starts those whose parents are
 * done (parents before children after a reshard), reads each running shard, makes each slice's next invocation,
 * runs the invocations of the step in parallel (one per slice at most, so order per slice holds), applies their
 * outcomes in a fixed order and stores every checkpoint that moved. A shard's records are read only while fewer
 * than ParallelizationFactor x BatchSize of them are in memory.
 *
 * <p>A shard without a checkpoint gets one when first seen, where {@link ShardLineage} says it starts.
 *
 * <p><b>Threading</b>: every method on the task's own thread (see {@link Task}); invocations run on virtual
 * threads of their own during a step, which waits for them.
 */
final class MappingTask implements Task {

    private static final Logger LOG = LoggerFactory.getLogger(MappingTask.class);

    private final TaskId id;
    private final EventSourceMapping mapping;
    private final KinesisEngine engine;
    private final StreamKey stream;
    private final String consumerArn;
    private final Checkpoints checkpoints;
    private final EventFilter filter;
    private final KinesisEventWriter writer;
    private final BatchRunner runner;
    private final Clock clock;
    private final Runnable wake;
    private final Consumer<String> lastResult;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, ShardPoller> running = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Void>> appendSignals = new HashMap<>();
    private Map<String, Checkpoint> known = new HashMap<>();

    /**
     * @param consumerArn the enhanced fan-out consumer to read through, or null to poll
     * @param wake        asks the runner for a step soon (records were appended); called from other threads
     */
    MappingTask(TaskId id, EventSourceMapping mapping, KinesisEngine engine, StreamKey stream, String consumerArn,
                Checkpoints checkpoints, EventFilter filter, KinesisEventWriter writer, BatchRunner runner,
                Clock clock, Runnable wake, Consumer<String> lastResult) {
        this.id = id;
        this.mapping = mapping;
        this.engine = engine;
        this.stream = stream;
        this.consumerArn = consumerArn;
        this.checkpoints = checkpoints;
        this.filter = filter;
        this.writer = writer;
        this.runner = runner;
        this.clock = clock;
        this.wake = wake;
        this.lastResult = lastResult;
    }

    @Override
    public TaskId id() {
        return id;
    }

    @Override
    public void resume() throws IOException {
        running.values().forEach(ShardPoller::close);
        running.clear();
        appendSignals.clear();
        known = checkpoints.load();
    }

    @Override
    public int doWork() throws Exception {
        StreamMeta meta;
        try {
            meta = engine.streams().describe(stream).meta();
        } catch (ServiceException e) {
            lastResult.accept("PROBLEM: Stream not found");
            return 0;
        }
        long now = clock.millis();
        int work = discover(meta, now);
        MappingSettings settings = mapping.settings();
        int limit = settings.parallelizationFactor() * settings.batchSize();
        for (ShardPoller shard : running.values()) {
            work += read(shard, limit, now);
        }
        List<BatchRunner.Call> due = new ArrayList<>();
        for (ShardPoller shard : running.values()) {
            for (Slice slice : shard.slices) {
                BatchRunner.Call call = runner.prepare(shard, slice, now, meta.retentionMillis());
                if (call != null) {
                    due.add(call);
                }
            }
        }
        List<BatchRunner.Result> results = invokeAll(due);
        long after = clock.millis();
        for (int i = 0; i < due.size(); i++) {
            runner.apply(due.get(i), results.get(i), after);
        }
        work += due.size();
        work += saveCheckpoints();
        return work;
    }

    private int read(ShardPoller shard, int limit, long now) {
        CompletableFuture<Void> signal = null;
        try {
            signal = engine.records().nextAppend(stream, shard.shardId);
        } catch (ServiceException e) {
            LOG.debug("no append signal for {} of {}: {}", shard.shardId, stream, e.getMessage());
        }
        int read = shard.read(limit, filter, writer, now);
        if (read == 0 && signal != null && !shard.ended()
                && appendSignals.put(shard.shardId, signal) != signal) {
            // one wake-up per signal: an idle shard must not pile callbacks on one future
            signal.thenRun(wake);
        }
        return read;
    }

    private List<BatchRunner.Result> invokeAll(List<BatchRunner.Call> due) throws InterruptedException {
        if (due.size() == 1) {
            return List.of(runner.invoke(due.getFirst()));
        }
        List<Future<BatchRunner.Result>> futures = new ArrayList<>(due.size());
        for (BatchRunner.Call call : due) {
            futures.add(calls.submit(() -> runner.invoke(call)));
        }
        List<BatchRunner.Result> results = new ArrayList<>(due.size());
        for (Future<BatchRunner.Result> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("an invocation failed unexpectedly", e.getCause());
            }
        }
        return results;
    }

    /** Starts the shards that may start: known, not done, and every listed parent done. */
    private int discover(StreamMeta meta, long now) throws IOException {
        Set<String> listed = new HashSet<>();
        meta.shards().forEach(s -> listed.add(s.id().toString()));
        Set<String> hadCheckpoint = new HashSet<>(known.keySet());
        int started = 0;
        for (ShardMeta shard : meta.shards()) {
            String shardId = shard.id().toString();
            if (running.containsKey(shardId)) {
                continue;
            }
            Checkpoint checkpoint = known.get(shardId);
            if (checkpoint == null) {
                checkpoint = ShardLineage.initial(shard, hadCheckpoint, mapping.settings(), now);
                checkpoints.save(shardId, checkpoint);
                known.put(shardId, checkpoint);
            }
            if (checkpoint.ended() || !ShardLineage.parentsDone(shard, listed, known)) {
                continue;
            }
            ShardSource source = consumerArn == null
                    ? new PolledShardSource(engine, stream, shardId, checkpoint)
                    : new FanOutShardSource(engine, consumerArn, shardId, checkpoint);
            running.put(shardId, new ShardPoller(shardId, mapping.settings().parallelizationFactor(), source,
                    checkpoint));
            started++;
        }
        return started;
    }

    private int saveCheckpoints() throws IOException {
        int saved = 0;
        List<String> finished = new ArrayList<>();
        for (ShardPoller shard : running.values()) {
            Checkpoint next = shard.due();
            if (next == null) {
                continue;
            }
            checkpoints.save(shard.shardId, next);
            shard.saved(next);
            known.put(shard.shardId, next);
            saved++;
            if (next.ended()) {
                finished.add(shard.shardId);
            }
        }
        for (String shardId : finished) {
            running.remove(shardId).close();
            appendSignals.remove(shardId);
        }
        return saved;
    }

    @Override
    public void onClose() {
        running.values().forEach(ShardPoller::close);
        running.clear();
        calls.shutdownNow();
    }
}
