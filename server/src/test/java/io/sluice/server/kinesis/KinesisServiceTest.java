package io.sluice.server.kinesis;

import io.sluice.common.ManualClock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.metrics.KinesisMetrics;
import io.sluice.server.pipeline.ApiPipeline;
import io.sluice.server.pipeline.Pipeline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KinesisServiceTest {

    private static final String JSON = "application/x-amz-json-1.1";

    @TempDir
    Path dir;

    private KinesisEngine engine;
    private ApiPipeline service;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void open() throws Exception {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        EngineConfig config = EngineConfig.defaults().withStatusDelays(0, 0, 0);
        engine = new KinesisEngine(dir, config, LogConfig.defaults(), clock);
        service = Pipeline.open(true, null, new ControlPlaneLimiter(clock, config.limits()),
                new SimpleMeterRegistry()).wrap(new KinesisService(engine, new KinesisMetrics(meters)));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private ApiResponse call(String operation, String body) {
        return service.handle(ApiRequest.post("Kinesis_20131202." + operation, JSON, null,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(ApiResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void operationsWithoutOutputAnswerAnEmptyBody() {
        ApiResponse response = call("CreateStream", "{\"StreamName\":\"a\",\"ShardCount\":1}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.contentType()).isEqualTo(JSON);
    }

    @Test
    void unknownOperationsAreRefused() {
        ApiResponse response = call("MakeCoffee", "{}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorType()).isEqualTo("UnknownOperationException");
        assertThat(text(response)).contains("MakeCoffee");
    }

    @Test
    void missingTargetIsUnknownOperation() {
        ApiResponse response = service.handle(ApiRequest.post(null, JSON, null, "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(response.errorType()).isEqualTo("UnknownOperationException");
    }

    @Test
    void validationListsEveryViolation() {
        ApiResponse response = call("CreateStream", "{\"StreamName\":\"bad name\",\"ShardCount\":0}");
        assertThat(response.errorType()).isEqualTo("ValidationException");
        assertThat(text(response)).contains("2 validation errors detected");
    }

    @Test
    void streamNameAndArnMustAgree() {
        call("CreateStream", "{\"StreamName\":\"a\",\"ShardCount\":1}");
        ApiResponse response = call("DescribeStreamSummary", "{\"StreamName\":\"b\","
                + "\"StreamARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/a\"}");
        assertThat(response.errorType()).isEqualTo("InvalidArgumentException");
    }

    @Test
    void nextTokenCannotComeWithAStreamName() {
        call("CreateStream", "{\"StreamName\":\"a\",\"ShardCount\":3}");
        String first = text(call("ListShards", "{\"StreamName\":\"a\",\"MaxResults\":1}"));
        String token = first.replaceAll(".*\"NextToken\":\"([^\"]+)\".*", "$1");
        ApiResponse response = call("ListShards", "{\"StreamName\":\"a\",\"NextToken\":\"" + token + "\"}");
        assertThat(response.errorType()).isEqualTo("InvalidArgumentException");
        assertThat(call("ListShards", "{\"NextToken\":\"" + token + "\"}").status()).isEqualTo(200);
    }

    @Test
    void getRecordsReadsAndIsCountedOnTheStreamItsIteratorNames() {
        call("CreateStream", "{\"StreamName\":\"a\",\"ShardCount\":1}");
        call("PutRecord", "{\"StreamName\":\"a\",\"Data\":\"aGk=\",\"PartitionKey\":\"k\"}");
        String iterator = text(call("GetShardIterator", "{\"StreamName\":\"a\","
                + "\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"TRIM_HORIZON\"}"))
                .replaceAll(".*\"ShardIterator\":\"([^\"]+)\".*", "$1");

        ApiResponse response = call("GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(text(response)).contains("\"Data\":\"aGk=\"");
        assertThat(meters.get("GetRecords.Success").tag("StreamName", "a").counter().count()).isEqualTo(1);
    }

    @Test
    void getRecordsWithAnIteratorThatIsNotOursIsAnInvalidArgument() {
        call("CreateStream", "{\"StreamName\":\"a\",\"ShardCount\":1}");

        ApiResponse response = call("GetRecords", "{\"ShardIterator\":\"bm90IGEgdG9rZW4gb2YgdGhpcyBzZXJ2ZXI=\"}");

        assertThat(response.errorType()).isEqualTo("InvalidArgumentException");
        assertThat(meters.find("GetRecords.Success").counters()).isEmpty();
    }
}
