package io.sluice.analytics.host;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.OutputConfig;
import io.sluice.analytics.program.ErrorRow;
import io.sluice.analytics.program.ProgramContext;
import io.sluice.analytics.program.ProgramRun;
import io.sluice.analytics.runtime.EvaluationException;
import io.sluice.analytics.type.RowType;
import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskId;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One running application: reads its inputs, pushes their rows through the program, writes the rows of its
 * outputs' streams to their destinations, and stores its positions. One {@link #doWork} step:
 * <ol>
 *   <li>writes what the outputs hold; while a destination fails, the step ends here, so no more input is read
 *       (back-pressure) and nothing is dropped;</li>
 *   <li>applies a configuration handed over by {@link #handOver};</li>
 *   <li>reads up to {@value #READ_RECORDS} records of each input, decodes them and pushes the rows;</li>
 *   <li>when every input is caught up, issues a rowtime bound from the clock once per
 *       {@link HostConfig#rowtimeBoundIntervalMillis}, which closes windows no row would close;</li>
 *   <li>writes the outputs, and once they hold nothing, stores the positions (see below).</li>
 * </ol>
 *
 * <p><b>ROWTIME</b>: a row's ROWTIME is its record's arrival time at Sluice (ApproximateArrivalTimestamp), kept
 * monotonic (never below the previous row's or bound's, as the run also clamps it). Replaying the same records
 * therefore gives the same ROWTIMEs, which is what makes a restart resume the same windows. KDA stamps ROWTIME
 * with the time it inserts the row (processing time), so its windows depend on when it happened to read; here a
 * backlog read late still falls into the windows of when it arrived.
 *
 * <p><b>Positions and delivery (at least once)</b>: the positions stored for each shard are such that every
 * input record with a ROWTIME at or above the program's {@link ProgramRun#retainedFloor()} is read again after a
 * restart, and they are stored only when every output row produced so far is durably written. A crash after a
 * write and before the positions are stored writes those rows again; no row is ever lost. Stored on every step
 * that read records once its output is written, at each {@link #checkpoint}, and at stop.
 *
 * <p><b>Moving between nodes</b>: the positions live in the metadata store ({@link MetaPositions}), shared by the
 * nodes of a cluster. {@link #resume}, which the runner calls before the task's first step on a node and again
 * whenever ownership comes back, reads them: if they are what this task last opened its inputs from or stored,
 * nobody moved the application on meanwhile and the task goes on as it is; otherwise another node ran it and
 * stored later positions, so the task drops its program state, its inputs and what its outputs still hold, and
 * starts again from those positions (replaying every record the windows still need, as after a restart).
 *
 * <p><b>Threading</b>: a {@link Task}: every method but {@link #handOver} runs on the task's one thread.
 * {@link #handOver} may be called from any thread; it queues the change for the next step.
 */
final class ApplicationTask implements Task {

    static final String TASK_KIND = "analytics";
    static final int READ_RECORDS = 1_000;

    private final TaskId id;
    private final HostConfig hostConfig;
    private final HostServices services;
    private final MetaPositions positions;
    private final Opener opener;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final SplittableRandom random = new SplittableRandom();
    private List<ApplicationInput> inputs;
    private ProgramRun run;
    private StoredPositions lastStored;
    private PreparedApplication prepared;
    private ApplicationConfig config;
    private Map<String, List<OutputRoute>> routes = Map.of();
    private List<OutputChannel> channels = List.of();
    private long lastRowtime = Long.MIN_VALUE;
    private long lastBoundMillis;
    private boolean unsaved;

    /** Opens an application's inputs at stored positions. */
    @FunctionalInterface
    interface Opener {
        List<ApplicationInput> open(ApplicationConfig config, StoredPositions from);
    }

    /**
     * @param opened     the inputs, already opened from {@code openedFrom} (so a delivery stream's tap sees records
     *                   from the start on), or null to open them at {@link #resume}
     * @param openedFrom the positions {@code opened} were opened from (ignored when {@code opened} is null)
     */
    ApplicationTask(PreparedApplication prepared, Opener opener, List<ApplicationInput> opened,
                    StoredPositions openedFrom, MetaPositions positions, HostConfig hostConfig,
                    HostServices services) {
        this.id = taskId(prepared.config().arn());
        this.hostConfig = hostConfig;
        this.services = services;
        this.positions = positions;
        this.opener = opener;
        this.prepared = prepared;
        this.config = prepared.config();
        if (opened != null) {
            begin(List.copyOf(opened), openedFrom);
        }
    }

    static TaskId taskId(String applicationArn) {
        return new TaskId(TASK_KIND, applicationArn);
    }

    @Override
    public TaskId id() {
        return id;
    }

    /**
     * Hands over a new configuration with the same code and inputs: new outputs and reference data. Applied by a
     * later step once what the current outputs hold is written. Any thread.
     */
    void handOver(PreparedApplication next) {
        commands.add(() -> {
            configureOutputs(next);
            next.referenceTables().forEach(run::replaceReferenceTable);
            prepared = next;
            config = next.config();
        });
    }

    /** Goes on as it is when the stored positions are the ones it knows, else starts again from them. */
    @Override
    public void resume() throws IOException {
        StoredPositions stored = positions.read();
        if (inputs != null && stored.equals(lastStored)) {
            return;
        }
        release();
        begin(List.copyOf(opener.open(config, stored)), stored);
    }

    /** A fresh run of the program over inputs opened from {@code from}, with empty outputs. */
    private void begin(List<ApplicationInput> opened, StoredPositions from) {
        inputs = opened;
        lastStored = from;
        lastRowtime = Long.MIN_VALUE;
        lastBoundMillis = services.clock().millis();
        unsaved = false;
        configureOutputs(prepared);
        run = prepared.program().start(new ProgramContext(this::emitted, this::error, prepared.referenceTables(),
                services.clock()::millis));
    }

    private void release() {
        if (run != null) {
            run.close();
            run = null;
        }
        if (inputs != null) {
            inputs.forEach(ApplicationInput::close);
            inputs = null;
        }
    }

    private void configureOutputs(PreparedApplication prepared) {
        Map<String, List<OutputRoute>> byStream = new HashMap<>();
        List<OutputChannel> all = new ArrayList<>();
        for (OutputConfig output : prepared.config().outputs()) {
            RowType columns = output.name().equals(ErrorRow.STREAM) ? ErrorRow.TYPE
                    : prepared.program().streams().get(output.name());
            OutputChannel channel = new OutputChannel(prepared.config().name(), output.name(), destination(output),
                    services.metrics());
            all.add(channel);
            byStream.computeIfAbsent(output.name(), k -> new ArrayList<>())
                    .add(new OutputRoute(channel, services.formats().encoder(output.format(), columns)));
        }
        routes = byStream;
        channels = all;
    }

    private Destination destination(OutputConfig output) {
        return switch (output.kind()) {
            case KINESIS_STREAM -> new KinesisDestination(services.kinesis(),
                    ApplicationPreparer.streamKey(output.resourceArn()), random.split());
            case FIREHOSE -> new DeliveryStreamDestination(services.deliveryStreams(), output.resourceArn());
            case LAMBDA -> new LambdaDestination(services.functions(), output.resourceArn(), config.arn());
        };
    }

    @Override
    public int doWork() throws IOException {
        long now = services.clock().millis();
        if (!flush(now)) {
            return 0;
        }
        int work = 0;
        for (Runnable command; (command = commands.poll()) != null; work++) {
            command.run();
        }
        int read = 0;
        boolean holding = false;
        for (ApplicationInput input : inputs) {
            read += read(input, now);
            holding |= input.holding();
        }
        if (read == 0 && !holding && now - lastBoundMillis >= hostConfig.rowtimeBoundIntervalMillis()) {
            lastRowtime = Math.max(lastRowtime, now);
            run.advance(lastRowtime);
            lastBoundMillis = now;
            unsaved = true;
            work++;
        }
        if (flush(now) && unsaved) {
            save();
        }
        return work + read;
    }

    private int read(ApplicationInput input, long now) {
        List<SourceRecord> failed = new ArrayList<>();
        List<InputPreprocessor.Processed> records = input.next(READ_RECORDS, now, failed);
        long bytes = 0;
        for (SourceRecord record : failed) {
            bytes += record.data().length;
            long rowtime = rowtime(record);
            error(new ErrorRow(now, "ERROR", "Lambda_Processing_Failed", "The input pre-processing function "
                    + input.config().processorArn() + " answered ProcessingFailed for the record.", rowtime,
                    InputErrors.hex(record.data()), null));
            note(input, record, rowtime);
        }
        for (InputPreprocessor.Processed processed : records) {
            SourceRecord record = processed.source();
            bytes += record.data().length;
            long rowtime = rowtime(record);
            String stream = input.streamFor(record);
            input.decoder().decode(processed.data(), new Formats.RowHandler() {
                @Override
                public void row(Object[] values) {
                    try {
                        run.push(stream, rowtime, SourceColumns.withSource(values, input.config().kind(), record));
                    } catch (EvaluationException e) {
                        // the runtime routes its own errors; one that escapes it still only costs its row
                        ApplicationTask.this.error(new ErrorRow(services.clock().millis(), "ERROR", e.errorName(),
                                e.getMessage(), rowtime, InputErrors.hex(processed.data()), null));
                    }
                }

                @Override
                public void error(String message, byte[] data) {
                    ApplicationTask.this.error(InputErrors.undecodable(services.clock().millis(), message, rowtime,
                            data));
                }
            });
            note(input, record, rowtime);
        }
        int count = records.size() + failed.size();
        if (count > 0) {
            services.metrics().input(config.name(), input.config().id(), count, bytes);
            unsaved = true;
        }
        services.metrics().millisBehindLatest(config.name(), input.config().id(), input.millisBehindLatest());
        return count;
    }

    /** The record's arrival time, kept from going back (as the run does), so the positions map the same way. */
    private long rowtime(SourceRecord record) {
        lastRowtime = Math.max(lastRowtime, record.arrivalMillis());
        return lastRowtime;
    }

    private static void note(ApplicationInput input, SourceRecord record, long rowtime) {
        if (input.replayable()) {
            input.tracker().pushed(record.shardId(), rowtime, record.sequenceNumber());
        }
    }

    private void emitted(String stream, long rowtime, Object[] values) {
        RowType type = stream.equals(ErrorRow.STREAM) ? ErrorRow.TYPE : prepared.program().streams().get(stream);
        if (type != null) {
            services.recentRows().add(config.arn(), stream, type, rowtime, values);
        }
        List<OutputRoute> targets = routes.get(stream);
        if (targets != null) {
            for (OutputRoute route : targets) {
                route.add(values);
            }
        }
    }

    private void error(ErrorRow row) {
        services.metrics().errors(config.name(), 1);
        emitted(ErrorRow.STREAM, row.errorTime(), row.values());
    }

    /** Writes what every output holds; true when they all hold nothing. */
    private boolean flush(long now) {
        boolean empty = true;
        for (OutputChannel channel : channels) {
            empty &= channel.flush(now);
        }
        return empty;
    }

    private void save() throws IOException {
        long floor = run.retainedFloor();
        Map<String, StoredPositions.Input> stored = new HashMap<>();
        for (ApplicationInput input : inputs) {
            stored.put(input.config().id(), input.stored(floor));
        }
        StoredPositions next = new StoredPositions(stored);
        positions.write(next);
        lastStored = next;
        unsaved = false;
    }

    /** Writes the outputs and, if they took everything, stores the positions. */
    @Override
    public void checkpoint() throws IOException {
        if (run != null && flush(services.clock().millis()) && unsaved) {
            save();
        }
    }

    @Override
    public void onClose() {
        release();
    }
}
