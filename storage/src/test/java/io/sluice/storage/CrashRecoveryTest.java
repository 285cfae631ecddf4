package io.sluice.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.ManualClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process (SIGKILL, mid-write) and checks that reopening recovers a clean log holding everything
 * that was acknowledged, which with fsync off is the promise for a process crash.
 */
class CrashRecoveryTest {

    private static final String NAME = "stream/shard-0";

    @TempDir
    Path root;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards against a hung child only
    void everyAcknowledgedAppendSurvivesKillingTheWriterMidWrite() throws Exception {
        long acknowledgedEnd = 0;
        for (int round = 0; round < 2; round++) { // the second round writes onto what the first recovered
            acknowledgedEnd = Math.max(acknowledgedEnd, killWriterAfterAcks(2000));

            try (LogStore store = new LogStore(root, LogConfig.defaults(), new ManualClock(0))) {
                ShardLog log = store.open(NAME);
                assertThat(log.endOffset()).isGreaterThanOrEqualTo(acknowledgedEnd);
                for (long next = 0; next < log.endOffset(); ) {
                    ReadResult result = log.read(next, 500, Long.MAX_VALUE);
                    for (StoredRecord record : result.records()) {
                        assertThat(record.data()).as("offset %d", record.offset())
                                .isEqualTo(CrashWriterMain.data(record.offset()));
                    }
                    next = result.nextOffset();
                }
            }
        }
    }

    /** Starts the writer, waits for {@code acks} acknowledgements, kills it; returns the acknowledged end. */
    private long killWriterAfterAcks(int acks) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriterMain.class.getName(), root.toString(), NAME)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long acknowledgedEnd = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < acks; i++) {
                String line = out.readLine();
                assertThat(line).as("writer exited early").isNotNull();
                List<Long> ack = List.of(line.split(" ")).stream().map(Long::parseLong).toList();
                acknowledgedEnd = Math.max(acknowledgedEnd, ack.get(0) + ack.get(1));
            }
            writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            writer.waitFor();
        }
        return acknowledgedEnd;
    }
}
