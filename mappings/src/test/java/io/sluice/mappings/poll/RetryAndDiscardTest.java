package io.sluice.mappings.poll;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.engine.PutResult;
import io.sluice.mappings.invoke.LambdaInvoker.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Retries until success, MaximumRetryAttempts or MaximumRecordAgeInSeconds; discards go to the destination. */
class RetryAndDiscardTest {

    @TempDir
    Path dir;
    private PollerFixture fx;

    @BeforeEach
    void open() throws IOException {
        fx = new PollerFixture(dir);
        fx.createStream(1);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** Steps, then moves the clock past the longest back-off, {@code times} times. */
    private void stepThroughBackOffs(int times) {
        for (int i = 0; i < times; i++) {
            fx.drain();
            fx.clock.advance(Duration.ofSeconds(1));
        }
        fx.drain();
    }

    private void failOn(String poison) {
        fx.function.answer(event -> ScriptedFunction.data(event).contains(poison)
                ? ScriptedFunction.unhandled() : ScriptedFunction.ok(""));
    }

    @Test
    void aFailingBatchIsRetriedMaximumRetryAttemptsTimesThenDiscardedAndTheShardMovesOn() throws Exception {
        PutResult bad = fx.put("k", "bad");
        fx.run(PollerFixture.settings().retries(2).destination(PollerFixture.DLQ));
        failOn("bad");

        stepThroughBackOffs(5);
        fx.put("k", "good");
        fx.drain();

        assertThat(fx.function.deliveredData()).containsExactly("bad", "bad", "bad", "good");
        assertThat(fx.observer.dropped.get()).isEqualTo(1);
        assertThat(fx.sentRecords).hasSize(1);
        JsonNode record = ScriptedFunction.JSON.readTree(fx.sentRecords.getFirst());
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.at("/KinesisBatchInfo/startSequenceNumber").asText())
                .isEqualTo(bad.sequenceNumber().format());
        assertThat(fx.pollers.lastProcessingResult(PollerFixture.UUID)).isEqualTo("OK");
    }

    @Test
    void aRetryWaitsForItsBackOff() {
        fx.put("k", "bad");
        fx.run(PollerFixture.settings().retries(5));
        failOn("bad");

        fx.drain();
        fx.drain();
        assertThat(fx.function.invocations()).isEqualTo(1);
        assertThat(fx.pollers.lastProcessingResult(PollerFixture.UUID)).isEqualTo("PROBLEM: Function call failed");

        fx.clock.advance(Duration.ofMillis(100));
        fx.drain();
        assertThat(fx.function.invocations()).isEqualTo(2);
        fx.clock.advance(Duration.ofMillis(100));
        fx.drain();
        assertThat(fx.function.invocations()).as("the second retry waits twice as long").isEqualTo(2);
        fx.clock.advance(Duration.ofMillis(100));
        fx.drain();
        assertThat(fx.function.invocations()).isEqualTo(3);
    }

    @Test
    void withoutLimitsAPoisonRecordBlocksItsShardButNotTheOthers() throws IOException {
        fx.close();
        fx = new PollerFixture(dir.resolve("two"));
        fx.createStream(2);
        // keys that land on different shards of a 2-shard stream
        String onFirst = keyOnShard(0);
        String onSecond = keyOnShard(1);
        fx.put(onFirst, "bad");
        fx.put(onFirst, "after-bad");
        fx.run(PollerFixture.settings().batchSize(1));
        failOn("bad");

        stepThroughBackOffs(20);
        fx.put(onSecond, "other-shard");
        stepThroughBackOffs(2);

        assertThat(fx.function.deliveredData()).contains("other-shard").doesNotContain("after-bad")
                .filteredOn("bad"::equals).hasSizeGreaterThan(10);
        assertThat(fx.observer.dropped.get()).isZero();
    }

    private String keyOnShard(int shard) {
        // a 2-shard stream splits the hash key space in halves: the top bit of MD5(key) picks the shard
        for (int i = 0; ; i++) {
            String key = "key-" + i;
            if (io.sluice.common.HashKeyRange.hashOf(key).testBit(127) == (shard == 1)) {
                return key;
            }
        }
    }

    @Test
    void recordsOlderThanMaximumRecordAgeAreDiscardedWithoutAnotherInvocation() throws Exception {
        fx.put("k", "bad");
        fx.run(PollerFixture.settings().maxAge(60).destination(PollerFixture.DLQ));
        failOn("bad");
        fx.drain();
        int before = fx.function.invocations();

        fx.clock.advance(Duration.ofSeconds(61));
        fx.drain();

        assertThat(fx.function.invocations()).isEqualTo(before);
        assertThat(fx.sentRecords).hasSize(1);
        assertThat(ScriptedFunction.JSON.readTree(fx.sentRecords.getFirst()).at("/requestContext/condition")
                .asText()).isEqualTo("RecordAgeExceeded");
    }

    @Test
    void bisectingIsolatesThePoisonRecordWithoutCountingTheSplitsAsRetries() throws Exception {
        PutResult a = fx.put("k", "a");
        fx.put("k", "b");
        PutResult bad = fx.put("k", "bad");
        fx.put("k", "d");
        fx.run(PollerFixture.settings().retries(0).bisect().destination(PollerFixture.DLQ));
        failOn("bad");

        fx.drain();

        assertThat(fx.function.events()).extracting(ScriptedFunction::data).containsExactly(
                List.of("a", "b", "bad", "d"), List.of("a", "b"), List.of("bad", "d"), List.of("bad"), List.of("d"));
        JsonNode record = ScriptedFunction.JSON.readTree(fx.sentRecords.getFirst());
        assertThat(record.at("/KinesisBatchInfo/batchSize").asInt()).isEqualTo(1);
        assertThat(record.at("/KinesisBatchInfo/startSequenceNumber").asText())
                .isEqualTo(bad.sequenceNumber().format());
        assertThat(fx.observer.dropped.get()).isEqualTo(1);
        assertThat(a).isNotNull();
    }

    @Test
    void throttlesAndUnreachableFunctionsAreRetriedWithoutCountingAsRetries() {
        AtomicInteger calls = new AtomicInteger();
        fx.function.answer(event -> switch (calls.incrementAndGet()) {
            case 1 -> new Invocation(429, null, "{}".getBytes());
            case 2 -> throw new IOException("connection refused");
            default -> ScriptedFunction.ok("");
        });
        fx.put("k", "r");
        fx.run(PollerFixture.settings().retries(0));

        stepThroughBackOffs(3);

        assertThat(calls.get()).isEqualTo(3);
        assertThat(fx.observer.throttles.get()).isEqualTo(1);
        assertThat(fx.observer.dropped.get()).isZero();
        assertThat(fx.pollers.lastProcessingResult(PollerFixture.UUID)).isEqualTo("OK");
    }

    @Test
    void anHttpErrorIsAFunctionError() {
        fx.function.answer(event -> new Invocation(500, null, "oops".getBytes()));
        fx.put("k", "r");
        fx.run(PollerFixture.settings().retries(0));

        fx.drain();

        assertThat(fx.observer.errors.get()).isEqualTo(1);
        assertThat(fx.observer.dropped.get()).isEqualTo(1);
    }

    @Test
    void whileTheDestinationIsDownTheDiscardedBatchIsNeitherDroppedNorPassed() {
        fx.destinationDown = true;
        fx.put("k", "bad");
        fx.put("k", "next");
        fx.run(PollerFixture.settings().retries(0).batchSize(1).destination(PollerFixture.DLQ));
        failOn("bad");

        stepThroughBackOffs(3);
        assertThat(fx.function.deliveredData()).containsExactly("bad");
        assertThat(fx.observer.dropped.get()).isZero();

        fx.destinationDown = false;
        stepThroughBackOffs(2);
        assertThat(fx.function.deliveredData()).containsExactly("bad", "next");
        assertThat(fx.sentRecords).hasSize(1);
    }

    @Test
    void theInvocationRecordHasAwsFieldsInAwsOrder() throws Exception {
        fx.clock.advance(Duration.ofMillis(123));
        PutResult first = fx.put("k", "bad-1");
        fx.clock.advance(Duration.ofMillis(500));
        PutResult last = fx.put("k", "bad-2");
        fx.function.answer(event -> ScriptedFunction.unhandled());
        fx.run(PollerFixture.settings().retries(1).destination(PollerFixture.DLQ));

        stepThroughBackOffs(2);

        JsonNode record = ScriptedFunction.JSON.readTree(fx.sentRecords.getFirst());
        String requestId = record.at("/requestContext/requestId").asText();
        assertThat(requestId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        long discardedAt = fx.clock.millis() - 1000;
        assertThat(fx.sentRecords.getFirst()).isEqualTo("{\"requestContext\":{\"requestId\":\"" + requestId
                + "\",\"functionArn\":\"" + PollerFixture.FUNCTION + "\",\"condition\":\"RetryAttemptsExhausted\","
                + "\"approximateInvokeCount\":2},"
                + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\","
                + "\"functionError\":\"Unhandled\"},"
                + "\"version\":\"1.0\",\"timestamp\":\"" + java.time.Instant.ofEpochMilli(discardedAt) + "\","
                + "\"KinesisBatchInfo\":{\"shardId\":\"shardId-000000000000\","
                + "\"startSequenceNumber\":\"" + first.sequenceNumber().format() + "\","
                + "\"endSequenceNumber\":\"" + last.sequenceNumber().format() + "\","
                + "\"approximateArrivalOfFirstRecord\":\"2023-11-14T22:13:20.123Z\","
                + "\"approximateArrivalOfLastRecord\":\"2023-11-14T22:13:20.623Z\","
                + "\"batchSize\":2,\"streamArn\":\"" + PollerFixture.STREAM_ARN + "\"}}");
    }
}
