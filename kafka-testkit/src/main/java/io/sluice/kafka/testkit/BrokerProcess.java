package io.sluice.kafka.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the broker's child JVM: launched with the same java as this JVM, the classpath Maven wrote at build
 * time ({@code broker.classpath}, next to this class) plus this module's classes (for {@link BrokerMain}), its
 * output appended to the broker's log file and its standard input a pipe that it watches to notice this JVM's
 * death.
 *
 * <p>Threading: not thread-safe; {@link KafkaBroker} serialises calls.
 */
final class BrokerProcess {

    private static final String CLASSPATH_RESOURCE = "broker.classpath";
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.awt.headless=true",
            "--enable-native-access=ALL-UNNAMED");

    private final Process process;

    private BrokerProcess(Process process) {
        this.process = process;
    }

    /** Writes the setup's files and launches the broker; it is not ready yet when this returns. */
    static BrokerProcess launch(BrokerSetup setup) {
        setup.write();
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(JVM_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + setup.loggingConfig());
        command.add("-cp");
        command.add(classpath());
        command.add(BrokerMain.class.getName());
        command.add(setup.serverProperties().toString());
        command.add(setup.clusterId());
        command.add(setup.directory().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(setup.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(setup.logFile().toFile()));
        try {
            return new BrokerProcess(builder.start());
        } catch (IOException e) {
            throw new KafkaBrokerException("cannot launch the broker's JVM: " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the broker to shut down (SIGTERM, which runs its controlled shutdown) and waits for it to exit. */
    void stop(long timeoutMillis) {
        process.destroy();
        awaitExit(timeoutMillis);
    }

    /** Kills the broker (SIGKILL, no shutdown at all) and waits for it to exit. */
    void kill(long timeoutMillis) {
        process.destroyForcibly();
        awaitExit(timeoutMillis);
    }

    /** Closes the child's standard input, as this JVM's death would (for tests of the orphan watcher). */
    void orphan() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the broker's standard input", e);
        }
    }

    private void awaitExit(long timeoutMillis) {
        try {
            process.onExit().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted while waiting for the broker (pid " + pid() + ") to exit", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaBrokerException("the broker (pid " + pid() + ") did not exit within " + timeoutMillis
                    + " ms", e);
        }
    }

    /** Exit status; only once the process has exited. */
    int exitValue() {
        return process.exitValue();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classpath() {
        try (InputStream in = BrokerProcess.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new KafkaBrokerException(CLASSPATH_RESOURCE + " is missing next to " + BrokerProcess.class
                        + ": the kafka-testkit module was not built by Maven");
            }
            String brokerClasspath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return ownLocation() + File.pathSeparator + brokerClasspath;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CLASSPATH_RESOURCE, e);
        }
    }

    /** This module's classes directory or jar. */
    private static String ownLocation() {
        try {
            return Path.of(BrokerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unusable location of " + BrokerMain.class, e);
        }
    }

    /** The last lines of the broker's log, for error messages. */
    static String logTail(BrokerSetup setup, int lines) {
        try {
            List<String> all = Files.readAllLines(setup.logFile(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
