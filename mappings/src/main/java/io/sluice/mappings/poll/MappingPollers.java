package io.sluice.mappings.poll;

import io.sluice.common.Clock;
import io.sluice.common.ConsumerArn;
import io.sluice.common.StreamArn;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.StreamKey;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskId;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingRuntime;
import io.sluice.mappings.filter.EventFilter;
import io.sluice.mappings.filter.FilterPatterns;
import io.sluice.mappings.filter.InvalidFilterException;
import io.sluice.mappings.invoke.LambdaInvoker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The data plane of event source mappings: one {@link MappingTask} per enabled mapping on the engine's task host
 * (task id {@code mapping:<uuid>}), so in cluster mode each mapping polls on the node that owns its task and
 * resumes from its checkpoints in the metadata store when it moves. {@link #run} (re)starts a mapping's task with
 * its current settings, {@link #stop} stops it (checkpoints stay), {@link #forget} deletes its checkpoints.
 *
 * <p><b>Threading</b>: thread-safe; {@link #run}, {@link #stop} and {@link #forget} serialise on one lock and
 * wait for the mapping's current step to end; {@link #lastProcessingResult} never blocks.
 */
public final class MappingPollers implements MappingRuntime {

    static final String TASK_KIND = "mapping";
    static final String NO_RECORDS = "No records processed";

    private final KinesisEngine engine;
    private final MetaStore metadata;
    private final TaskHost tasks;
    private final LambdaInvoker invoker;
    private final FailureDestinations destinations;
    private final MappingObserver observer;
    private final Function<List<String>, EventFilter> filters;
    private final PollerSettings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, TaskId> running = new ConcurrentHashMap<>();
    private final Map<String, String> results = new ConcurrentHashMap<>();

    /**
     * Pollers that filter with Lambda's pattern language ({@link FilterPatterns#compile}).
     *
     * @see #MappingPollers(KinesisEngine, MetaStore, TaskHost, LambdaInvoker, FailureDestinations, MappingObserver,
     * Function, PollerSettings, Clock)
     */
    public MappingPollers(KinesisEngine engine, MetaStore metadata, TaskHost tasks, LambdaInvoker invoker,
                          FailureDestinations destinations, MappingObserver observer, PollerSettings settings,
                          Clock clock) {
        this(engine, metadata, tasks, invoker, destinations, observer, MappingPollers::compile, settings, clock);
    }

    /** Patterns the catalogue already checked; one that fails now is a fault, not a user error. */
    private static EventFilter compile(List<String> patterns) {
        try {
            return FilterPatterns.compile(patterns);
        } catch (InvalidFilterException e) {
            throw new IllegalArgumentException("a stored filter pattern does not compile: " + e.getMessage(), e);
        }
    }

    /**
     * @param engine       the streams mappings read, through its Java API
     * @param metadata     the engine's metadata store, where checkpoints live
     * @param tasks        where mapping tasks run ({@code TaskHost.on(runner)} in a server)
     * @param invoker      how functions are invoked
     * @param destinations where discarded batches' invocation records go
     * @param observer     told of invocations, errors, throttles, iterator age and dropped records
     * @param filters      compiles a mapping's FilterCriteria patterns (called only when there are some)
     * @param settings     back-off and the execution role name of events
     */
    public MappingPollers(KinesisEngine engine, MetaStore metadata, TaskHost tasks, LambdaInvoker invoker,
                          FailureDestinations destinations, MappingObserver observer,
                          Function<List<String>, EventFilter> filters, PollerSettings settings, Clock clock) {
        this.engine = engine;
        this.metadata = metadata;
        this.tasks = tasks;
        this.invoker = invoker;
        this.destinations = destinations;
        this.observer = observer;
        this.filters = filters;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Starts (or restarts, with the new settings) the mapping's poller; a disabled mapping is stopped.
     *
     * @throws IllegalArgumentException the event source is neither a stream ARN nor a consumer ARN
     * @throws RuntimeException         the filter patterns do not compile (the catalogue validated them)
     */
    @Override
    public void run(EventSourceMapping mapping) {
        lock.lock();
        try {
            stopTask(mapping.uuid());
            if (!mapping.settings().enabled()) {
                return;
            }
            results.putIfAbsent(mapping.uuid(), NO_RECORDS);
            TaskId id = new TaskId(TASK_KIND, mapping.uuid());
            tasks.start(task(id, mapping));
            running.put(mapping.uuid(), id);
        } finally {
            lock.unlock();
        }
    }

    private MappingTask task(TaskId id, EventSourceMapping mapping) {
        String source = mapping.eventSourceArn();
        ConsumerArn consumer = ConsumerArn.parseOrNull(source);
        StreamArn streamArn = consumer != null ? consumer.stream() : StreamArn.parseOrNull(source);
        if (streamArn == null) {
            throw new IllegalArgumentException("not a Kinesis stream or consumer ARN: " + source);
        }
        StreamKey stream = new StreamKey(streamArn.account(), streamArn.region(), streamArn.streamName());
        List<String> patterns = mapping.settings().filterPatterns();
        EventFilter filter = patterns.isEmpty() ? EventFilter.ALL : filters.apply(patterns);
        KinesisEventWriter writer = new KinesisEventWriter(streamArn.toString(), mapping.region(),
                settings.invokeIdentityArn(mapping.account()));
        String uuid = mapping.uuid();
        BatchRunner runner = new BatchRunner(mapping, streamArn.toString(), writer, invoker, destinations,
                observer, settings, result -> results.put(uuid, result));
        return new MappingTask(id, mapping, engine, stream, consumer == null ? null : source,
                new Checkpoints(metadata, uuid), filter, writer, runner, clock, () -> tasks.wake(id),
                result -> results.put(uuid, result));
    }

    @Override
    public void stop(String uuid) {
        lock.lock();
        try {
            stopTask(uuid);
        } finally {
            lock.unlock();
        }
    }

    private void stopTask(String uuid) {
        TaskId id = running.remove(uuid);
        if (id != null) {
            tasks.stop(id);
        }
    }

    @Override
    public void forget(String uuid) {
        lock.lock();
        try {
            stopTask(uuid);
            new Checkpoints(metadata, uuid).deleteAll();
            results.remove(uuid);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the checkpoints of mapping " + uuid, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String lastProcessingResult(String uuid) {
        return results.get(uuid);
    }
}
