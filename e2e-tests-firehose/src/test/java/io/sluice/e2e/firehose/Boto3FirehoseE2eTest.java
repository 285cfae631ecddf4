package io.sluice.e2e.firehose;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** boto3 (JSON 1.1 over HTTP/1.1) runs its Firehose scenario against a real server and a real S3 server. */
class Boto3FirehoseE2eTest {

    private static final Path SCRIPTS = Path.of(System.getProperty("sluice.python.dir", "src/test/python"));

    @TempDir
    static Path dir;
    private static S3ProxyServer s3;
    private static FirehoseServer server;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyServer();
        server = new FirehoseServer(dir, s3);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        s3.close();
    }

    @Test
    void boto3ScenarioPasses() throws Exception {
        Process process = new ProcessBuilder(List.of("python3", SCRIPTS.resolve("boto3_firehose.py").toString(),
                server.endpoint().toString(), s3.endpoint().toString(), S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY)).redirectErrorStream(true).start();
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
