package io.sluice.cli.analytics;

import io.sluice.analytics.program.CodeValidationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sluice analytics}: Kinesis Data Analytics (SQL) tools. Commands hold only their parsed options. */
@Command(name = "analytics", mixinStandardHelpOptions = true,
        description = "Kinesis Data Analytics (SQL) tools.",
        subcommands = {AnalyticsCommand.Run.class})
public final class AnalyticsCommand implements Runnable {

    /** Exit code for code that does not compile and for files or options that cannot be used. */
    static final int UNUSABLE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a KDA SQL application offline over a file of records and print the rows of the"
                    + " in-application streams its code creates (and error_stream).",
                    "Each line of the input file is one record (a JSON document or a CSV line). ROWTIME is the"
                            + " record's --time-field (epoch millis or 'yyyy-MM-dd HH:mm:ss[.SSS]', UTC), or the"
                            + " wall clock without one. After each record a rowtime bound at its ROWTIME is issued;"
                            + " at the end of input every open window is closed.",
                    "Exit code 0 when the run completed, 2 when the code does not compile or a file cannot be"
                            + " used."})
    static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "APP.sql", description = "The application code.")
        Path code;

        @Option(names = "--schema", required = true, paramLabel = "FILE", description = "The input's schema: an"
                + " InputSchema, an Input (NamePrefix, InputParallelism, InputSchema) or describe-application's"
                + " JSON (its first input).")
        Path schema;

        @Option(names = "--input", required = true, paramLabel = "FILE",
                description = "The records, one per line.")
        Path input;

        @Option(names = "--reference", paramLabel = "FILE", description = "A reference data object (the S3"
                + " object's content).")
        Path reference;

        @Option(names = "--reference-schema", paramLabel = "FILE", description = "The reference data source:"
                + " a ReferenceDataSource (TableName, ReferenceSchema) or describe-application's JSON.")
        Path referenceSchema;

        @Option(names = "--time-field", paramLabel = "FIELD", description = "The top-level JSON member holding"
                + " each record's arrival time, for deterministic ROWTIMEs.")
        String timeField;

        @Option(names = "--output", paramLabel = "FORMAT", description = "table (default) or json (one line per"
                + " row).")
        RunSettings.OutputFormat output = RunSettings.OutputFormat.table;

        @Option(names = "--stream", paramLabel = "NAME", description = "Print only this stream (exact case;"
                + " repeatable; error_stream included).")
        List<String> streams = new ArrayList<>();

        @Override
        public Integer call() {
            var line = spec.commandLine();
            RunSettings settings = new RunSettings(code, schema, input, reference, referenceSchema, timeField,
                    output, streams);
            try {
                new OfflineRun(settings, System::currentTimeMillis, line.getOut()).run();
                return 0;
            } catch (CodeValidationException e) {
                line.getErr().println(code + ": " + (e.line() > 0
                        ? "line " + e.line() + ", column " + e.column() + ": " + e.reason() : e.reason()));
                return UNUSABLE;
            } catch (AnalyticsRunException e) {
                line.getErr().println(e.getMessage());
                return UNUSABLE;
            } finally {
                line.getOut().flush();
                line.getErr().flush();
            }
        }
    }
}
