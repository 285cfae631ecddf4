package io.sluice.e2e.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;



import software.amazon.awssdk.services.kinesis.KinesisClient;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At least once across {@code kill -9}: the agent runs in a JVM of its own (a child process), which is killed with
 * SIGKILL while lines are being appended and shipped, twice, and started again on the same checkpoint file. Every
 * line written must reach the stream, and the stream de-duplicated must be exactly the lines written. Prints its
 * seed; {@code -Dseed=N} runs one again.
 */
class AgentKilledE2eTest {

    @TempDir
    Path dir;

    @Test
    void everyLineIsDeliveredAtLeastOnceAcrossKillNineOfTheAgentProcess() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("AgentKilledE2eTest seed: " + seed + " (-Dseed=" + seed + " to run it again)");
        Random random = new Random(seed);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        try (RestartableServer server = new RestartableServer(dir.resolve("data"));
             KinesisClient kinesis = AgentE2eTest.kinesis(server.endpoint())) {
            AgentE2eTest.createActiveStream(kinesis, "killed", 1);
            Path agentJson = dir.resolve("agent.json");
            Files.writeString(agentJson, AgentJson.of(server.endpoint(), dir.resolve("checkpoints"), """
                    [{"filePattern": "%s", "kinesisStream": "killed", "initialPosition": "START_OF_FILE",
                      "maxBufferAgeMillis": 1000, "maxBufferSizeRecords": %d, "publishQueueCapacity": %d}]
                    """.formatted(logs.resolve("app.log*"), 50 + random.nextInt(450), 1 + random.nextInt(8))));
            LogWriter writer = new LogWriter(logs, new Random(random.nextLong()));
            Process agent = start(agentJson, 0);
            // without a checkpoint the agent reads the newest file only: the writer rotates once it has started
            AgentE2eTest.until(() -> started(0), s -> s);
            System.out.println("agent started at " + java.time.Instant.now());
            Thread writing = Thread.ofVirtual().start(writer);
            try {
                for (int kill = 1; kill <= 2; kill++) {
                    int before = StreamContents.read(kinesis, "killed").size();
                    // killed while it ships: after it has sent something new, at a random moment
                    AgentE2eTest.until(() -> StreamContents.read(kinesis, "killed").size(), n -> n > before);
                    Thread.sleep(random.nextInt(700));
                    System.out.println("kill -9 " + kill + " after " + writer.written.size() + " lines, at "
                            + java.time.Instant.now());
                    agent.destroyForcibly().waitFor();
                    if (kill == 2) {
                        // the first restart met lines written (and rotations) while it was down; the last catches up
                        writer.stop.set(true);
                        writing.join();
                    }
                    agent = start(agentJson, kill);
                }
                List<String> written = writer.written.stream().map(l -> l + "\n").toList();
                List<String> delivered = List.of();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (System.nanoTime() < deadline
                        && !(delivered = StreamContents.read(kinesis, "killed")).containsAll(written)) {
                    Thread.sleep(200);
                }

                Set<String> unique = new LinkedHashSet<>(delivered);
                System.out.println("delivered at " + java.time.Instant.now());
                System.out.println(written.size() + " lines written, " + delivered.size() + " records delivered ("
                        + (delivered.size() - unique.size()) + " duplicates)");
                List<String> missing = written.stream().filter(l -> !unique.contains(l)).toList();
                if (!missing.isEmpty()) {
                    System.out.println(missing.size() + " lines missing, the first: " + missing.getFirst());
                    for (int n = 0; n <= 2; n++) {
                        List<String> log = Files.readAllLines(dir.resolve("agent-" + n + ".log"));
                        System.out.println("agent-" + n + ".log:\n" + String.join("\n",
                                log.subList(Math.max(0, log.size() - 40), log.size())));
                    }
                }
                assertThat(missing).as("lines written and not delivered").isEmpty();
                assertThat(unique).as("records delivered that were never written").hasSize(written.size());
            } finally {
                writer.stop.set(true);
                agent.destroyForcibly().waitFor();
            }
        }
    }

    private boolean started(int n) {
        try {
            return Files.readString(dir.resolve("agent-" + n + ".log")).contains("agent started");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A JVM running {@link ChildAgent} on the test's class path, its output in {@code agent-<n>.log}. */
    private Process start(Path agentJson, int n) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ChildAgent.class.getName(), agentJson.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent-" + n + ".log").toFile()).start();
    }
}
