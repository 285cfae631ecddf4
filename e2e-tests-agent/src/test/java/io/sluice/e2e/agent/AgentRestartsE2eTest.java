package io.sluice.e2e.agent;

import io.sluice.agent.config.AgentConfig;
import io.sluice.agent.run.Agent;
import io.sluice.agent.run.AgentLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;



import software.amazon.awssdk.services.kinesis.KinesisClient;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At least once across restarts, end to end: lines are appended to a log (rotated by renaming now and then) while
 * the agent is halted without flushing and started again, and the server is stopped and started again, at moments
 * a seeded random picks. Every line written must reach the stream at least once, and the stream de-duplicated must
 * be exactly the lines written. Prints its seed; {@code -Dseed=N} runs one again.
 */
class AgentRestartsE2eTest {

    @TempDir
    Path dir;

    @Test
    void everyLineIsDeliveredAtLeastOnceAcrossAgentAndServerRestarts() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("AgentRestartsE2eTest seed: " + seed + " (-Dseed=" + seed + " to run it again)");
        Random random = new Random(seed);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        try (RestartableServer server = new RestartableServer(dir.resolve("data"));
             KinesisClient kinesis = AgentE2eTest.kinesis(server.endpoint())) {
            AgentE2eTest.createActiveStream(kinesis, "restarts", 1);
            String flows = """
                    [{"filePattern": "%s", "kinesisStream": "restarts", "initialPosition": "START_OF_FILE",
                      "maxBufferAgeMillis": 1000, "maxBufferSizeRecords": %d, "retryInitialBackoffMillis": 50,
                      "retryMaxBackoffMillis": 500, "publishQueueCapacity": %d}]
                    """.formatted(logs.resolve("app.log*"), 10 + random.nextInt(200), 1 + random.nextInt(8));
            AgentConfig config = AgentJson.read(AgentJson.of(server.endpoint(), dir.resolve("checkpoints"), flows));
            LogWriter writer = new LogWriter(logs, new Random(random.nextLong()));
            Thread writing = Thread.ofVirtual().start(writer);
            Agent agent = AgentLauncher.launch(config);
            try {
                for (int round = 0; round < 4; round++) {
                    Thread.sleep(500 + random.nextInt(1500));
                    int action = random.nextInt(3);
                    System.out.println("round " + round + ": " + List.of("agent halted", "server restarted",
                            "both").get(action) + " after " + writer.written.size() + " lines");
                    if (action != 1) {
                        agent.halt();
                    }
                    if (action != 0) {
                        server.stop();
                        Thread.sleep(random.nextInt(500));
                        server.start();
                    }
                    if (action != 1) {
                        agent = AgentLauncher.launch(config);
                    }
                }
                writer.stop.set(true);
                writing.join();
                List<String> written = writer.written;
                List<String> delivered = AgentE2eTest.until(() -> StreamContents.read(kinesis, "restarts"),
                        d -> new LinkedHashSet<>(d).size() >= written.size());

                Set<String> unique = new LinkedHashSet<>(delivered);
                System.out.println(written.size() + " lines written, " + delivered.size() + " records delivered ("
                        + (delivered.size() - unique.size()) + " duplicates)");
                assertThat(unique).containsExactlyInAnyOrderElementsOf(written.stream().map(l -> l + "\n")
                        .toList());
            } finally {
                agent.close();
            }
        }
    }
}
