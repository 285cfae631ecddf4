package io.sluice.cli.analytics;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.ReferenceConfig;
import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.format.RecordParser;
import io.sluice.analytics.format.ReferenceDataException;
import io.sluice.analytics.format.ReferenceTableReader;
import io.sluice.analytics.format.RowHandler;
import io.sluice.analytics.host.InputErrors;
import io.sluice.analytics.host.SourceColumns;
import io.sluice.analytics.host.SourceRecord;
import io.sluice.analytics.plan.KdaCompiler;
import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.program.CompiledProgram;
import io.sluice.analytics.program.ErrorRow;
import io.sluice.analytics.program.ProgramContext;
import io.sluice.analytics.program.ProgramRun;
import io.sluice.analytics.runtime.EvaluationException;
import io.sluice.analytics.type.RowType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs a KDA SQL application over a file of records, as the host would run it over a source, and prints the rows
 * of the streams it creates.
 * <ul>
 *   <li>Each non-blank line of the input file is one record, decoded with the input schema; its rows (with the
 *   hidden source columns: APPROXIMATE_ARRIVAL_TIME, and SHARD_ID {@code shardId-000000000000} for a Kinesis
 *   stream source) go to the in-application input stream ({@code <prefix>_001}; with InputParallelism N the
 *   records go to the N streams in turn). Rows that do not decode, or fail in a pump, go to error_stream as the
 *   host writes them.</li>
 *   <li>ROWTIME: with a time field, the record's replayed time (kept from going back, as the run does); the wall
 *   clock that CURRENT_TIMESTAMP and error_stream's ERROR_TIME read is then the replayed time too, so a run's
 *   output is deterministic. Without one, every record arrives at the wall clock's time.</li>
 *   <li>Bounds: after each record the run is told no row will come before that record's ROWTIME, so windows and
 *   groups that end at or before it are emitted; after the last record, a bound at the end of time closes every
 *   open window and group.</li>
 * </ul>
 *
 * <p><b>Threading</b>: single-threaded; one run per instance.
 */
final class OfflineRun {

    static final String SHARD_ID = "shardId-000000000000";
    private static final long END_OF_INPUT = Long.MAX_VALUE;

    private final RunSettings settings;
    private final LongSupplier wallClock;
    private final PrintWriter out;
    private long replayedNow;

    OfflineRun(RunSettings settings, LongSupplier wallClock, PrintWriter out) {
        this.settings = settings;
        this.wallClock = wallClock;
        this.out = out;
    }

    void run() throws AnalyticsRunException, CodeValidationException {
        String code = new String(bytes(settings.code()), StandardCharsets.UTF_8);
        InputConfig input = SchemaFiles.input(settings.schema());
        List<ReferenceConfig> references = reference();
        TimeField time = settings.timeField() == null ? null : new TimeField(settings.timeField());
        if (time != null && input.schema().format().type() != RecordFormatType.JSON) {
            throw new AnalyticsRunException("--time-field needs JSON records; " + settings.schema()
                    + " describes " + input.schema().format().type());
        }
        ApplicationConfig config = new ApplicationConfig("arn:aws:kinesisanalytics:offline", "offline", 1, code,
                List.of(input), List.of(), references);
        CompiledProgram program = new KdaCompiler().compile(code, SourceColumns.catalog(config));
        RowPrinter printer = printer(selected(program));
        Map<String, List<Object[]>> tables = new LinkedHashMap<>();
        for (ReferenceConfig reference : references) {
            tables.put(reference.tableName(), table(reference));
        }
        LongSupplier clock = time == null ? wallClock : () -> replayedNow;
        try (ProgramRun run = program.start(new ProgramContext(printer::row,
                e -> printer.row(ErrorRow.STREAM, e.errorTime(), e.values()), tables, clock))) {
            replay(run, input, time, clock, printer);
            run.advance(END_OF_INPUT);
        }
        printer.finish();
    }

    private void replay(ProgramRun run, InputConfig input, TimeField time, LongSupplier clock, RowPrinter printer)
            throws AnalyticsRunException {
        RecordParser parser = new RecordParser(input.schema());
        List<String> streams = input.streamNames();
        int turn = 0;
        long lineNumber = 0;
        try (BufferedReader lines = Files.newBufferedReader(settings.input(), StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                byte[] record = line.getBytes(StandardCharsets.UTF_8);
                long arrival;
                try {
                    arrival = time == null ? wallClock.getAsLong() : time.millis(record);
                } catch (IllegalArgumentException e) {
                    throw new AnalyticsRunException(settings.input() + " line " + lineNumber + ": " + e.getMessage());
                }
                replayedNow = Math.max(replayedNow, arrival);
                long rowtime = time == null ? arrival : replayedNow;
                String stream = streams.get(turn);
                turn = (turn + 1) % streams.size();
                SourceRecord source = new SourceRecord(SHARD_ID, Long.toString(lineNumber), rowtime, null, record);
                parser.parse(record, new RowHandler() {
                    @Override
                    public void row(Object[] values) {
                        try {
                            run.push(stream, rowtime, SourceColumns.withSource(values, input.kind(), source));
                        } catch (EvaluationException e) {
                            // the runtime routes its own errors; one that escapes it still only costs its row
                            long now = clock.getAsLong();
                            printer.row(ErrorRow.STREAM, now, new ErrorRow(now, "ERROR", e.errorName(),
                                    e.getMessage(), rowtime, InputErrors.hex(record), null).values());
                        }
                    }

                    @Override
                    public void error(String message, byte[] data) {
                        ErrorRow error = InputErrors.undecodable(clock.getAsLong(), message, rowtime, data);
                        printer.row(ErrorRow.STREAM, error.errorTime(), error.values());
                    }
                });
                run.advance(rowtime);
            }
        } catch (IOException e) {
            throw new AnalyticsRunException(settings.input() + ": cannot be read: " + e.getMessage());
        }
    }

    /** The streams to print, with their columns: the ones named, or every stream the code creates and errors. */
    private Map<String, RowType> selected(CompiledProgram program) throws AnalyticsRunException {
        Map<String, RowType> all = new LinkedHashMap<>(program.streams());
        all.put(ErrorRow.STREAM, ErrorRow.TYPE);
        if (settings.streams().isEmpty()) {
            return all;
        }
        Map<String, RowType> chosen = new LinkedHashMap<>();
        for (String name : settings.streams()) {
            RowType type = all.get(name);
            if (type == null) {
                throw new AnalyticsRunException("--stream " + name + ": the code creates no such stream; it has "
                        + String.join(", ", all.keySet()) + " (names are exact case)");
            }
            chosen.put(name, type);
        }
        return chosen;
    }

    private RowPrinter printer(Map<String, RowType> streams) {
        return settings.output() == RunSettings.OutputFormat.json ? new JsonLinesPrinter(streams, out)
                : new TablePrinter(streams, out);
    }

    private List<ReferenceConfig> reference() throws AnalyticsRunException {
        if ((settings.reference() == null) != (settings.referenceSchema() == null)) {
            throw new AnalyticsRunException("--reference and --reference-schema go together");
        }
        return settings.reference() == null ? List.of() : List.of(SchemaFiles.reference(settings.referenceSchema()));
    }

    private List<Object[]> table(ReferenceConfig reference) throws AnalyticsRunException {
        try {
            return new ReferenceTableReader(reference.schema()).read(bytes(settings.reference()));
        } catch (ReferenceDataException e) {
            throw new AnalyticsRunException(settings.reference() + ": " + e.getMessage());
        }
    }

    private static byte[] bytes(Path file) throws AnalyticsRunException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AnalyticsRunException(file + ": cannot be read: " + e);
        }
    }
}
