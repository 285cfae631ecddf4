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
 * boto3's {@code lambda} client and the AWS CLI's {@code aws lambda} commands manage event source mappings on a
 * real server: every operation with the model's fields and statuses, paging, tags, and Lambda's error codes.
 */
class LambdaMappingsE2eTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static final Path SCRIPTS = Path.of(System.getProperty("sluice.python.dir", "src/test/python"));

    @Test
    void boto3ManagesMappingsAndSeesLambdasErrors() throws Exception {
        String output = run(List.of("python3", SCRIPTS.resolve("boto3_lambda_mappings.py").toString(),
                SERVER.endpoint().toString()));
        assertThat(output).contains("checks passed");
    }

    @Test
    void theAwsCliManagesMappings() throws Exception {
        String output = run(List.of("bash", SCRIPTS.resolve("cli_lambda_mappings.sh").toString(),
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
