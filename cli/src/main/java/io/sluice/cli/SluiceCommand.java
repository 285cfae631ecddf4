package io.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command. */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
        description = "A self-hosted Amazon Kinesis.",
        subcommands = {ServerCommand.class, AgentCommand.class, io.sluice.cli.bench.BenchCommand.class,
                io.sluice.cli.data.DataCommand.class, io.sluice.cli.analytics.AnalyticsCommand.class})
public final class SluiceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // picocli otherwise looks for Groovy's Closure class, and that failed lookup opens and indexes every jar of
        // the class path (80, 24,000 entries): 50-100 ms of the server's start, in the only failed lookup it makes
        System.setProperty("picocli.disable.closures", "true");
        System.exit(new CommandLine(new SluiceCommand()).execute(args));
    }
}
