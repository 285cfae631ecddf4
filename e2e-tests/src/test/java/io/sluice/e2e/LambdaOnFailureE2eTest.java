package io.sluice.e2e;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import io.sluice.server.LambdaSettings;
import io.sluice.testkit.SluiceServerExtension;
import io.sluice.testkit.lambda.LambdaInvokeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On-failure destinations over Sluice's own services: a mapping whose function always throws, with
 * MaximumRetryAttempts 0, writes each discarded batch's invocation record to a Kinesis stream, and on one node to
 * a bucket of the object store Firehose writes to (an object per record under {@code aws/lambda/<UUID>/<shard>/}).
 */
class LambdaOnFailureE2eTest {

    private static final String FUNCTION = "always-fails";
    private static final LambdaInvokeServer LAMBDA = startLambda();

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension().withLambda(() ->
            new LambdaSettings(LAMBDA.endpoint(), null, null, "us-east-1", Duration.ofSeconds(10)));

    private static final Path SCRIPTS = Path.of(System.getProperty("sluice.python.dir", "src/test/python"));

    private static LambdaInvokeServer startLambda() {
        try {
            return LambdaInvokeServer.start().register(FUNCTION, KinesisEvent.class, event -> {
                throw new IllegalStateException("this function fails every batch of "
                        + event.getRecords().size());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopLambda() {
        LAMBDA.close();
    }

    @Test
    void discardedBatchesReachTheStreamAndTheBucketDestinations() throws Exception {
        String objects = SluiceServerExtension.clusterMode() ? "-"
                : SERVER.dataDir().resolve("firehose/objects").toString();
        Process process = new ProcessBuilder(List.of("python3",
                SCRIPTS.resolve("boto3_lambda_on_failure.py").toString(), SERVER.endpoint().toString(), FUNCTION,
                objects)).redirectErrorStream(true).start();
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
        assertThat(LAMBDA.invocations(FUNCTION)).as("the function was invoked").isNotEmpty();
    }
}
