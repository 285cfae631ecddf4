package io.sluice.e2e;

import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * boto3 drives Kinesis Data Analytics for SQL against a real server: the getting-started stock ticker
 * application (create stream → create application → start → put records → read the destination stream), a
 * tumbling window, a reference-data join read from the server's object store, schema discovery and the API's
 * errors.
 */
class Boto3AnalyticsE2eTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static final Path SCRIPTS = Path.of(System.getProperty("sluice.python.dir", "src/test/python"));

    @Test
    void stockTickerApplicationsRunEndToEnd() throws Exception {
        // the server's default object store is the local directory Firehose writes to: bucket/key under it; on a
        // cluster each node has its own (under the extension's node-N data directories), and any node may run the
        // application
        List<Path> dataDirs = SluiceServerExtension.clusterMode()
                ? IntStream.range(0, SERVER.nodes().size()).mapToObj(i -> SERVER.dataDir().resolve("node-" + i))
                        .toList()
                : List.of(SERVER.dataDir());
        for (Path dataDir : dataDirs) {
            Path reference = dataDir.resolve("firehose/objects/ticker-reference/companies.csv");
            Files.createDirectories(reference.getParent());
            Files.writeString(reference, "AMZN,Amazon\nMSFT,Microsoft\nXOM,Exxon\n");
        }
        Process process = new ProcessBuilder(List.of("python3", SCRIPTS.resolve("boto3_analytics.py").toString(),
                SERVER.endpoint().toString())).redirectErrorStream(true).start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
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
