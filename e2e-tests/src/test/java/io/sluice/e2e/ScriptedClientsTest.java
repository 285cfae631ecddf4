package io.sluice.e2e;

import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * boto3 and the AWS CLI (JSON 1.1 over HTTP/1.1) and the JS SDK v3 (JSON 1.1 over HTTP/2) run their scenarios
 * against a real server.
 */
class ScriptedClientsTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static final Path SCRIPTS = Path.of(System.getProperty("sluice.python.dir", "src/test/python"));
    private static final Path JS = Path.of(System.getProperty("sluice.js.dir", "src/test/js"));

    @Test
    void jsSdkScenarioPassesOverHttp2() throws Exception {
        String output = run(List.of("node", JS.resolve("scenario.mjs").toString(), SERVER.endpoint().toString()));
        assertThat(output).contains("checks passed");
    }

    @Test
    void boto3ScenarioPasses() throws Exception {
        String output = run(List.of("python3", SCRIPTS.resolve("boto3_scenario.py").toString(),
                SERVER.endpoint().toString()));
        assertThat(output).contains("checks passed");
    }

    @Test
    void boto3ControlPlaneScenarioPasses() throws Exception {
        String output = run(List.of("python3", SCRIPTS.resolve("boto3_control_plane.py").toString(),
                SERVER.endpoint().toString()));
        assertThat(output).contains("checks passed");
    }

    @Test
    void boto3FanOutScenarioPasses() throws Exception {
        String output = run(List.of("python3", SCRIPTS.resolve("boto3_fanout.py").toString(),
                SERVER.endpoint().toString()));
        assertThat(output).contains("checks passed");
    }

    @Test
    void awsCliScenarioPasses() throws Exception {
        String output = run(List.of("bash", SCRIPTS.resolve("cli_scenario.sh").toString(),
                SERVER.endpoint().toString()));
        assertThat(output).contains("checks passed");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("finished in time").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
