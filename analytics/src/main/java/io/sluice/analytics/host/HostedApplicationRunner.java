package io.sluice.analytics.host;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.ApplicationConfigurationException;
import io.sluice.analytics.app.ApplicationRunner;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.analytics.app.StartingPosition;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs KDA applications on this server's streams: each running application is one {@link ApplicationTask} on
 * the shared task host, with its positions in the metadata store ({@link MetaPositions}; an older install's
 * positions file under {@link HostConfig#dataDir} is read once and moved there).
 *
 * <p><b>Several nodes</b>: every node of a cluster starts a task for every running application (the one that
 * handled StartApplication with {@link #start}, the others with {@link #follow} as they see it RUNNING); the task
 * runner steps it only on the node that owns it, and the task reads the positions the previous owner stored
 * when it arrives ({@link ApplicationTask#resume}).
 *
 * <p><b>Starting positions</b>: NOW reads each shard from the records that arrive from the start on (shards made
 * later by a reshard from their beginning); TRIM_HORIZON from the oldest record kept; LAST_STOPPED_POINT from the
 * stored positions of the same input on the same source, or as NOW when there are none. A delivery stream source
 * is tapped, so it always starts from now. The start's positions are stored at once (unless they are what is
 * stored already), so a crash before the first checkpoint, or another node taking the application over, resumes
 * from the start rather than from a later "now".
 *
 * <p><b>Update</b>: with the same code and inputs, the running task takes the new outputs and reloads the
 * reference tables into its running program (state kept); otherwise the application stops (storing its positions)
 * and starts again from them with the new configuration, so rows of windows still open are read again.
 *
 * <p><b>Threading</b>: thread-safe; start, stop, update and delete serialise on one lock (they wait for a task's
 * step to end, never for a destination).
 */
public final class HostedApplicationRunner implements ApplicationRunner {

    /** How many records of a delivery stream source wait in memory for the application. */
    static final int TAP_CAPACITY = 100_000;

    private final HostConfig hostConfig;
    private final MetaStore meta;
    private final HostServices services;
    private final TaskHost tasks;
    private final ApplicationPreparer preparer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    private record Running(ApplicationTask task, PreparedApplication prepared) {
    }

    /**
     * @param meta where positions are kept: the catalogue's store (the cluster's in cluster mode); the caller
     *             closes it after this runner
     */
    public HostedApplicationRunner(HostConfig hostConfig, MetaStore meta, HostServices services, TaskHost tasks) {
        this.hostConfig = hostConfig;
        this.meta = meta;
        this.services = services;
        this.tasks = tasks;
        this.preparer = new ApplicationPreparer(services);
    }

    /** An application already running here (a node that followed it first) is stopped and started afresh. */
    @Override
    public void start(ApplicationConfig config, StartingPosition position) throws ApplicationConfigurationException {
        lock.lock();
        try {
            stop(config.arn());
            launch(preparer.prepare(config), position);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs here, too, an application that another node started or updated: with no task here, one that opens its
     * inputs when this node gets to run it; with one at another configuration, that configuration.
     */
    @Override
    public void follow(ApplicationConfig config) throws ApplicationConfigurationException {
        lock.lock();
        try {
            Running current = running.get(config.arn());
            if (current == null) {
                PreparedApplication prepared = preparer.prepare(config);
                startTask(new ApplicationTask(prepared, this::openAll, null, null, positions(config.arn()),
                        hostConfig, services), prepared);
            } else if (!current.prepared().config().equals(config)) {
                update(config);
            }
        } finally {
            lock.unlock();
        }
    }

    private void launch(PreparedApplication prepared, StartingPosition position)
            throws ApplicationConfigurationException {
        ApplicationConfig config = prepared.config();
        MetaPositions positions = positions(config.arn());
        StoredPositions stored;
        try {
            // only a resume needs them: a start from NOW or TRIM_HORIZON replaces positions that cannot be read
            stored = position == StartingPosition.LAST_STOPPED_POINT ? positions.read() : StoredPositions.NONE;
        } catch (IOException | IllegalStateException e) {
            throw new ApplicationConfigurationException("Application " + config.name()
                    + " cannot read its stored positions: " + e.getMessage());
        }
        long now = services.clock().millis();
        Map<String, StoredPositions.Input> starting = new HashMap<>();
        for (InputConfig input : config.inputs()) {
            ShardStart start = startOf(input, position, stored, now);
            starting.put(input.id(), new StoredPositions.Input(input.resourceArn(), start.sinceMillis(),
                    start.positions()));
        }
        StoredPositions from = new StoredPositions(starting);
        List<ApplicationInput> inputs = new ArrayList<>();
        try {
            if (!from.equals(stored)) {
                positions.write(from);
            }
            inputs.addAll(openAll(config, from));
            startTask(new ApplicationTask(prepared, this::openAll, inputs, from, positions, hostConfig, services),
                    prepared);
        } catch (IOException | RuntimeException e) {
            inputs.forEach(ApplicationInput::close);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    private void startTask(ApplicationTask task, PreparedApplication prepared) {
        tasks.start(task);
        running.put(prepared.config().arn(), new Running(task, prepared));
    }

    /** Opens every input of the application at its stored position (an input stored for none: from now). */
    private List<ApplicationInput> openAll(ApplicationConfig config, StoredPositions from) {
        long now = services.clock().millis();
        List<ApplicationInput> inputs = new ArrayList<>();
        try {
            for (InputConfig input : config.inputs()) {
                StoredPositions.Input stored = from.inputs().get(input.id());
                ShardStart start = stored != null && stored.resourceArn().equals(input.resourceArn())
                        ? new ShardStart(stored.sinceMillis(), stored.shards()) : new ShardStart(now, Map.of());
                inputs.add(open(config, input, start));
            }
            return inputs;
        } catch (RuntimeException e) {
            inputs.forEach(ApplicationInput::close);
            throw e;
        }
    }

    private ShardStart startOf(InputConfig input, StartingPosition position, StoredPositions stored, long now) {
        StoredPositions.Input last = stored.inputs().get(input.id());
        if (position == StartingPosition.LAST_STOPPED_POINT && last != null
                && last.resourceArn().equals(input.resourceArn())) {
            return new ShardStart(last.sinceMillis(), last.shards());
        }
        return new ShardStart(position == StartingPosition.TRIM_HORIZON ? 0 : now, Map.of());
    }

    private ApplicationInput open(ApplicationConfig config, InputConfig input, ShardStart start) {
        TaskId task = ApplicationTask.taskId(config.arn());
        Runnable wake = () -> tasks.wake(task);
        InputReader reader = input.kind() == SourceKind.KINESIS_STREAM
                ? new KinesisInputReader(services.kinesis(), ApplicationPreparer.streamKey(input.resourceArn()),
                start, services.clock(), hostConfig.pollIntervalMillis(), wake)
                : new TapInputReader(input.resourceArn(), TAP_CAPACITY, services.clock(), wake)
                .open(services.deliveryStreams());
        InputPreprocessor preprocessor = input.processorArn() == null ? null
                : new InputPreprocessor(services.functions(), input.processorArn(), config.arn(),
                input.resourceArn(), input.kind());
        return new ApplicationInput(input, reader, preprocessor, services.formats().decoder(input.schema()), start);
    }

    @Override
    public void stop(String applicationArn) {
        lock.lock();
        try {
            Running r = running.remove(applicationArn);
            if (r != null) {
                tasks.stop(r.task().id());
            }
        } finally {
            lock.unlock();
        }
    }

    /** No-op for an application that is not running: its next start reads the configuration it is given. */
    @Override
    public void update(ApplicationConfig config) throws ApplicationConfigurationException {
        lock.lock();
        try {
            Running current = running.get(config.arn());
            if (current == null) {
                return;
            }
            PreparedApplication next = preparer.prepare(config);
            ApplicationConfig before = current.prepared().config();
            if (before.code().equals(config.code()) && before.inputs().equals(config.inputs())
                    && sameTables(before, config)) {
                current.task().handOver(next);
                running.put(config.arn(), new Running(current.task(), next));
                return;
            }
            running.remove(config.arn());
            tasks.stop(current.task().id());
            launch(next, StartingPosition.LAST_STOPPED_POINT);
        } finally {
            lock.unlock();
        }
    }

    /** The program was compiled against the reference tables' names and columns: the same ones keep it valid. */
    private static boolean sameTables(ApplicationConfig a, ApplicationConfig b) {
        return SourceColumns.catalog(a).referenceTables().equals(SourceColumns.catalog(b).referenceTables());
    }

    @Override
    public boolean isRunning(String applicationArn) {
        return running.containsKey(applicationArn);
    }

    @Override
    public void delete(String applicationArn) {
        lock.lock();
        try {
            stop(applicationArn);
            positions(applicationArn).delete();
            services.recentRows().forget(applicationArn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    private MetaPositions positions(String applicationArn) {
        return new MetaPositions(meta, applicationArn, hostConfig.dataDir());
    }

    /** Stops every application, each storing its positions. */
    @Override
    public void close() {
        lock.lock();
        try {
            for (String arn : List.copyOf(running.keySet())) {
                stop(arn);
            }
        } finally {
            lock.unlock();
        }
    }
}
