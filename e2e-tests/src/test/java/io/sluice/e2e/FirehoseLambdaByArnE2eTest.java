package io.sluice.e2e;

import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import io.sluice.server.LambdaSettings;
import io.sluice.testkit.SluiceServerExtension;
import io.sluice.testkit.lambda.LambdaInvokeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Firehose's Lambda processor with {@code LambdaArn} an ARN (not a URL) calls the function through the Lambda
 * Invoke API at {@code lambda.endpoint}, the client event source mappings use: a handler typed with
 * {@code KinesisFirehoseEvent} upper-cases each record, and boto3 sees the transformed records delivered.
 */
class FirehoseLambdaByArnE2eTest {

    private static final String FUNCTION = "shout";
    private static final LambdaInvokeServer LAMBDA = startLambda();

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension().withLambda(() ->
            new LambdaSettings(LAMBDA.endpoint(), null, null, "us-east-1", Duration.ofSeconds(10)));

    private static final Path SCRIPTS = Path.of(System.getProperty("sluice.python.dir", "src/test/python"));

    private static LambdaInvokeServer startLambda() {
        try {
            return LambdaInvokeServer.start().register(FUNCTION, KinesisFirehoseEvent.class, event -> {
                List<Map<String, String>> records = new ArrayList<>();
                for (KinesisFirehoseEvent.Record record : event.getRecords()) {
                    ByteBuffer data = record.getData();
                    byte[] bytes = new byte[data.remaining()];
                    data.get(bytes);
                    byte[] shouted = new String(bytes, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT)
                            .getBytes(StandardCharsets.UTF_8);
                    records.add(Map.of("recordId", record.getRecordId(), "result", "Ok",
                            "data", Base64.getEncoder().encodeToString(shouted)));
                }
                return Map.of("records", records);
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
    void aProcessorNamedByArnIsInvokedThroughTheLambdaEndpoint() throws Exception {
        assumeFalse(SluiceServerExtension.clusterMode(),
                "reads the local-directory destination of one node; on a cluster each node has its own");
        Process process = new ProcessBuilder(List.of("python3",
                SCRIPTS.resolve("boto3_firehose_lambda_arn.py").toString(), SERVER.endpoint().toString(),
                LAMBDA.functionArn(FUNCTION), SERVER.dataDir().resolve("firehose/objects").toString()))
                .redirectErrorStream(true).start();
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
        assertThat(LAMBDA.invocations(FUNCTION)).as("called through the Invoke API, not a URL")
                .isNotEmpty().allSatisfy(call -> assertThat(call.viaUrl()).isFalse());
    }
}
