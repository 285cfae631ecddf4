package io.sluice.server.console;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.common.ManualClock;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.protocol.sigv4.RequestSigner;
import io.sluice.protocol.sigv4.SigV4Verifier;
import io.sluice.server.auth.Authorizer;
import io.sluice.server.auth.CredentialsFile;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.pipeline.ApiPipeline;
import io.sluice.server.pipeline.Pipeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's reads pass the pipeline like any call: each is authorized as the AWS action that reads the same
 * thing, on the resource it reads, and a refusal is AWS's AccessDeniedException naming that action.
 */
class ConsoleServiceAuthorizationTest {

    private static final String CREDENTIALS = """
            {"users": [
              {"name": "reader", "accessKeyId": "AKIAREADER", "secretAccessKey": "reader-secret",
               "account": "111111111111",
               "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Action": "kinesis:DescribeStreamSummary",
                 "Resource": "arn:aws:kinesis:eu-west-1:111111111111:stream/orders"}]}]}
            ]}""";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private ApiPipeline console;

    @BeforeEach
    void wrap() throws IOException {
        CredentialsFile credentials = CredentialsFile.load(Files.writeString(dir.resolve("c.json"), CREDENTIALS));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MetricHistory history = new MetricHistory(registry, 10);
        console = Pipeline.secured(credentials, new SigV4Verifier(credentials, clock),
                new Authorizer(arn -> Optional.empty()), null, new ControlPlaneLimiter(clock, LimitSettings.off()),
                registry).wrap(new ConsoleService(null, history, null, null, null));
    }

    private ApiResponse call(String operation, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(Map.of("host", "localhost:4567",
                "content-type", "application/x-amz-json-1.1", "x-amz-target", ConsoleService.TARGET + "." + operation));
        new RequestSigner("AKIAREADER", "reader-secret", "eu-west-1", "kinesis").sign("POST", "/", "", headers, bytes,
                Instant.ofEpochMilli(clock.millis())).forEach((n, v) -> headers.put(n.toLowerCase(Locale.ROOT), v));
        return console.handle(new ApiRequest("POST", "/", headers, bytes, "127.0.0.1", UUID.randomUUID().toString()));
    }

    @Test
    void aStreamsHistoryNeedsDescribeStreamSummaryOnThatStream() {
        ApiResponse allowed = call("GetStreamMetrics", "{\"StreamName\":\"orders\"}");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(new String(allowed.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Series\":[]}");
        ApiResponse denied = call("GetStreamMetrics", "{\"StreamName\":\"payments\"}");
        assertThat(denied.errorType()).isEqualTo("AccessDeniedException");
        assertThat(new String(denied.body(), StandardCharsets.UTF_8))
                .contains("kinesis:DescribeStreamSummary")
                .contains("arn:aws:kinesis:eu-west-1:111111111111:stream/payments");
    }

    @Test
    void theTailNeedsGetRecordsAndADeliveryStreamsHistoryFirehosesDescribe() {
        assertThat(new String(call("TailStream", "{\"StreamName\":\"orders\",\"StartingPosition\":{\"Type\":"
                + "\"LATEST\"}}").body(), StandardCharsets.UTF_8)).contains("AccessDeniedException")
                .contains("kinesis:GetRecords");
        assertThat(new String(call("GetDeliveryStreamMetrics", "{\"DeliveryStreamName\":\"d\"}").body(),
                StandardCharsets.UTF_8)).contains("firehose:DescribeDeliveryStream")
                .contains("arn:aws:firehose:eu-west-1:111111111111:deliverystream/d");
        assertThat(new String(call("GetDeliveryStreamErrorRecords", "{\"DeliveryStreamName\":\"d\"}").body(),
                StandardCharsets.UTF_8)).contains("AccessDeniedException").contains("firehose:DescribeDeliveryStream")
                .contains("arn:aws:firehose:eu-west-1:111111111111:deliverystream/d");
        assertThat(new String(call("GetApplicationStreamRows", "{\"ApplicationName\":\"app\",\"StreamName\":"
                + "\"OUT\"}").body(), StandardCharsets.UTF_8)).contains("AccessDeniedException")
                .contains("kinesisanalytics:DescribeApplication")
                .contains("arn:aws:kinesisanalytics:eu-west-1:111111111111:application/app");
        assertThat(new String(call("GetEventSourceMappingMetrics", "{\"UUID\":\"6a1b7c2d-0000-4000-8000-"
                + "000000000001\"}").body(), StandardCharsets.UTF_8)).contains("AccessDeniedException")
                .contains("lambda:GetEventSourceMapping")
                .contains("arn:aws:lambda:eu-west-1:111111111111:event-source-mapping:6a1b7c2d-0000-4000-8000-"
                        + "000000000001");
        assertThat(new String(call("DescribeServer", "{}").body(), StandardCharsets.UTF_8))
                .contains("kinesis:DescribeLimits");
        assertThat(new String(call("ListStreamMetrics", "{}").body(), StandardCharsets.UTF_8))
                .contains("kinesis:ListStreams");
    }
}
