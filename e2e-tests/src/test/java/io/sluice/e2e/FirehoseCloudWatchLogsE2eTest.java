package io.sluice.e2e;

import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * boto3 sends CloudWatch Logs subscription payloads (gzip'd JSON: data messages, a control message) and a record
 * that is not gzip to a delivery stream with the Decompression and CloudWatchLogProcessing processors, and reads
 * the log lines and the decompression-failed error record from the local objects directory.
 */
class FirehoseCloudWatchLogsE2eTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static final Path SCRIPTS = Path.of(System.getProperty("sluice.python.dir", "src/test/python"));

    @Test
    void logEventsArriveOneLineEachAndControlMessagesAreDropped() throws Exception {
        // the local objects directory is each node's own in cluster mode, and any node may deliver the stream
        assumeFalse(SluiceServerExtension.clusterMode(), "reads one node's local objects directory");
        Process process = new ProcessBuilder(List.of("python3",
                SCRIPTS.resolve("boto3_firehose_cloudwatch_logs.py").toString(), SERVER.endpoint().toString(),
                SERVER.dataDir().resolve("firehose/objects").toString())).redirectErrorStream(true).start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(2, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("finished in time").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("checks passed");
    }
}
