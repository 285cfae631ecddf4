package io.sluice.analytics.host;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.ApplicationConfigurationException;
import io.sluice.analytics.app.ApplicationRunner;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.analytics.app.StartingPosition;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskId;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs KDA applications on this server's streams: each running application is one {@link ApplicationTask} on
 * the shared task host, with its positions in {@code <data dir>/<URL-encoded application ARN>/positions}.
 *
 * <p><b>Starting positions</b>: NOW reads each shard from the records that arrive from the start on (shards made
 * later by a reshard from their beginning); TRIM_HORIZON from the oldest record kept; LAST_STOPPED_POINT from the
 * stored positions of the same input on the same source, or as NOW when there are none. A delivery stream source
 * is tapped, so it always starts from now. The start's positions are stored at once, so a crash before the first
 * checkpoint resumes from the start rather than from a later "now".
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
    private final HostServices services;
    private final TaskHost tasks;
    private final ApplicationPreparer preparer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    private record Running(ApplicationTask task, PreparedApplication prepared) {
    }

    public HostedApplicationRunner(HostConfig hostConfig, HostServices services, TaskHost tasks) {
        this.hostConfig = hostConfig;
        this.services = services;
        this.tasks = tasks;
        this.preparer = new ApplicationPreparer(services);
    }

    /** @throws IllegalStateException if the application is already running */
    @Override
    public void start(ApplicationConfig config, StartingPosition position) throws ApplicationConfigurationException {
        lock.lock();
        try {
            if (running.containsKey(config.arn())) {
                throw new IllegalStateException("application " + config.name() + " is already running");
            }
            launch(preparer.prepare(config), position);
        } finally {
            lock.unlock();
        }
    }

    private void launch(PreparedApplication prepared, StartingPosition position)
            throws ApplicationConfigurationException {
        ApplicationConfig config = prepared.config();
        PositionsFile file = positionsFile(config.arn());
        StoredPositions stored;
        try {
            stored = file.read();
        } catch (IOException | IllegalStateException e) {
            throw new ApplicationConfigurationException("Application " + config.name()
                    + " cannot read its stored positions: " + e.getMessage());
        }
        long now = services.clock().millis();
        List<ApplicationInput> inputs = new ArrayList<>();
        Map<String, StoredPositions.Input> starting = new HashMap<>();
        try {
            for (InputConfig input : config.inputs()) {
                ShardStart start = startOf(input, position, stored, now);
                starting.put(input.id(), new StoredPositions.Input(input.resourceArn(), start.sinceMillis(),
                        start.positions()));
                inputs.add(open(config, input, start));
            }
            file.write(new StoredPositions(starting));
            ApplicationTask task = new ApplicationTask(prepared, inputs, file, hostConfig, services);
            tasks.start(task);
            running.put(config.arn(), new Running(task, prepared));
        } catch (IOException | RuntimeException e) {
            inputs.forEach(ApplicationInput::close);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
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
            positionsFile(applicationArn).delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    private PositionsFile positionsFile(String applicationArn) {
        Path dir = hostConfig.dataDir().resolve(URLEncoder.encode(applicationArn, StandardCharsets.UTF_8));
        return new PositionsFile(dir);
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
