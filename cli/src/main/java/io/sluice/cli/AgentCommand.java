package io.sluice.cli;

import io.sluice.agent.config.AgentConfigException;
import io.sluice.agent.run.Agent;
import io.sluice.agent.run.AgentLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sluice agent}: the Kinesis Agent's job with its agent.json. Runs until SIGTERM or SIGINT, then stops within
 * the file's {@code shutdownTimeoutMillis}, sending what it can, and exits 0. A file that cannot be used prints every
 * problem found and exits 2; the agent failing to start (checkpoint file unreadable, metrics port taken) exits 1.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Tail log files into Kinesis streams and Firehose delivery streams (Sluice's or AWS's), "
                + "as the Kinesis Agent does, with its agent.json.")
final class AgentCommand implements Callable<Integer> {

    static final int CONFIG_ERROR = 2;

    @Option(names = "--config", description = "The agent.json file (default: /etc/aws-kinesis/agent.json).")
    Path config = Path.of("/etc/aws-kinesis/agent.json");

    @Option(names = "--log-format", description = "text (default) or json: one JSON object per log line.")
    String logFormat = "text";

    @Spec
    CommandSpec spec;

    /**
     * {@code sluice agent} on its own: bin/sluice starts the agent here, with a class path of the agent's jars only,
     * which the {@code sluice} command could not load (picocli reads every subcommand's methods, and the others name
     * the server's types). Arguments as after {@code sluice agent}.
     */
    public static void main(String[] args) {
        System.setProperty("picocli.disable.closures", "true");
        System.exit(new CommandLine(new AgentCommand()).setCommandName("sluice agent").execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (logFormat.equals("json")) {
            System.setProperty(LogConfigurator.FORMAT_PROPERTY, "json");
        } else if (!logFormat.equals("text")) {
            spec.commandLine().getErr().println("--log-format must be text or json, not " + logFormat);
            return CONFIG_ERROR;
        }
        if (!Files.isRegularFile(config)) {
            spec.commandLine().getErr().println("agent.json: no such file: " + config);
            return CONFIG_ERROR;
        }
        Agent agent;
        try {
            agent = AgentLauncher.launch(config);
        } catch (AgentConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return CONFIG_ERROR;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        stop.await();
        agent.close();
        return 0;
    }
}
