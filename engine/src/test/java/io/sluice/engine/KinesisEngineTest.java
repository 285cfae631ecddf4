package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.storage.LogConfig;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class KinesisEngineTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "orders");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final EngineConfig config = EngineConfig.defaults().withStatusDelays(500, 500, 500);
    private KinesisEngine engine;

    @BeforeEach
    void open() throws IOException {
        engine = new KinesisEngine(dir, config, LogConfig.defaults(), clock);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static void assertError(ThrowableAssert.ThrowingCallable call, ErrorType type) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(ServiceException.class);
        assertThat(((ServiceException) thrown).type()).isEqualTo(type);
    }

    private static PutRecordsEntry entry(String key, String data) {
        return new PutRecordsEntry(data.getBytes(StandardCharsets.UTF_8), key, null);
    }

    @Test
    void streamIsCreatingUntilTheDelayPassesThenActive() {
        engine.streams().create(STREAM, 2, null, null);
        assertThat(engine.streams().describe(STREAM).status()).isEqualTo(StreamStatus.CREATING);
        assertError(() -> engine.records().putRecord(STREAM, entry("k", "v")), ErrorType.RESOURCE_NOT_FOUND);
        clock.advance(Duration.ofMillis(500));
        assertThat(engine.streams().describe(STREAM).status()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(engine.records().putRecord(STREAM, entry("k", "v")).join().sequenceNumber()).isNotNull();
    }

    @Test
    void deletedStreamIsDeletingThenGoneAfterMaintenance() throws Exception {
        engine.streams().create(STREAM, 1, null, null);
        clock.advance(Duration.ofSeconds(1));
        engine.streams().delete(STREAM, false);
        assertThat(engine.streams().describe(STREAM).status()).isEqualTo(StreamStatus.DELETING);
        engine.maintenance().deletions().doWork();
        assertThat(engine.streams().describe(STREAM).status()).isEqualTo(StreamStatus.DELETING);
        clock.advance(Duration.ofMillis(500));
        engine.maintenance().deletions().doWork();
        assertError(() -> engine.streams().describe(STREAM), ErrorType.RESOURCE_NOT_FOUND);
        engine.streams().create(STREAM, 1, null, null);
        assertThat(engine.streams().describe(STREAM).status()).isEqualTo(StreamStatus.CREATING);
    }

    @Test
    void iteratorExpiresAfterFiveMinutes() {
        engine.streams().create(STREAM, 1, null, null);
        clock.advance(Duration.ofSeconds(1));
        String iterator = engine.records().getShardIterator(STREAM, "shardId-000000000000",
                IteratorType.TRIM_HORIZON, null, null);
        clock.advance(Duration.ofMinutes(5));
        assertThat(engine.records().getRecords(iterator, 10).records()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertError(() -> engine.records().getRecords(iterator, 10), ErrorType.EXPIRED_ITERATOR);
    }

    @Test
    void iteratorOfADeletedAndRecreatedStreamIsNotFound() throws Exception {
        engine.streams().create(STREAM, 1, null, null);
        clock.advance(Duration.ofSeconds(1));
        String iterator = engine.records().getShardIterator(STREAM, "shardId-000000000000", IteratorType.LATEST,
                null, null);
        engine.streams().delete(STREAM, false);
        clock.advance(Duration.ofSeconds(1));
        engine.maintenance().deletions().doWork();
        engine.streams().create(STREAM, 1, null, null);
        clock.advance(Duration.ofSeconds(1));
        assertError(() -> engine.records().getRecords(iterator, 10), ErrorType.RESOURCE_NOT_FOUND);
    }

    @Test
    void listShardsTokenExpiresAfterFiveMinutes() {
        engine.streams().create(STREAM, 3, null, null);
        ShardPage first = engine.shards().list(STREAM, null, null, 1, null);
        assertThat(first.nextToken()).isNotNull();
        clock.advance(Duration.ofMinutes(5).plusMillis(1));
        assertError(() -> engine.shards().list(null, first.nextToken(), null, 1, null), ErrorType.EXPIRED_NEXT_TOKEN);
    }

    @Test
    void millisBehindLatestCountsFromTheLastReturnedRecord() {
        engine.streams().create(STREAM, 1, null, null);
        clock.advance(Duration.ofSeconds(1));
        engine.records().putRecord(STREAM, entry("k", "a")).join();
        clock.advance(Duration.ofSeconds(3));
        engine.records().putRecord(STREAM, entry("k", "b")).join();
        clock.advance(Duration.ofSeconds(2));
        String iterator = engine.records().getShardIterator(STREAM, "shardId-000000000000",
                IteratorType.TRIM_HORIZON, null, null);
        GetRecordsResult first = engine.records().getRecords(iterator, 1);
        assertThat(first.millisBehindLatest()).isEqualTo(5000);
        GetRecordsResult rest = engine.records().getRecords(first.nextShardIterator(), 10);
        assertThat(rest.millisBehindLatest()).isZero();
    }

    @Test
    void streamsAndRecordsSurviveARestart() throws IOException {
        engine.streams().create(STREAM, 2, null, null);
        clock.advance(Duration.ofSeconds(1));
        List<PutOutcome> outcomes = engine.records().putRecords(STREAM, List.of(entry("a", "1"), entry("b",
                "2"))).join();
        engine.streams().increaseRetention(STREAM, 48);
        engine.close();
        engine = new KinesisEngine(dir, config, LogConfig.defaults(), clock);
        assertThat(engine.streams().describe(STREAM).meta().retentionHours()).isEqualTo(48);
        for (PutOutcome outcome : outcomes) {
            String iterator = engine.records().getShardIterator(STREAM, outcome.result().shardId().toString(),
                    IteratorType.AT_SEQUENCE_NUMBER, outcome.result().sequenceNumber().format(), null);
            assertThat(engine.records().getRecords(iterator, 1).records().getFirst().sequenceNumber())
                    .isEqualTo(outcome.result().sequenceNumber());
        }
    }

    @Test
    void onDemandRefusesShardCountAndProvisionedRequiresIt() {
        assertError(() -> engine.streams().create(STREAM, 2, StreamMode.ON_DEMAND, null), ErrorType.INVALID_ARGUMENT);
        assertError(() -> engine.streams().create(STREAM, null, StreamMode.PROVISIONED, null),
                ErrorType.INVALID_ARGUMENT);
        engine.streams().create(STREAM, null, StreamMode.ON_DEMAND, null);
        assertThat(engine.streams().describe(STREAM).meta().openShardCount()).isEqualTo(4);
    }

    @Test
    void shardLimitOfTheAccountIsEnforced() {
        assertError(() -> engine.streams().create(STREAM, config.shardLimit() + 1, null, null),
                ErrorType.LIMIT_EXCEEDED);
    }

    @Test
    void retentionDeletesExpiredRecordsWhenMaintenanceRuns() throws Exception {
        engine.streams().create(STREAM, 1, null, null);
        clock.advance(Duration.ofSeconds(1));
        engine.records().putRecord(STREAM, entry("k", "old")).join();
        clock.advance(Duration.ofHours(25));
        engine.maintenance().retention().doWork();
        engine.records().putRecord(STREAM, entry("k", "new")).join();
        String iterator = engine.records().getShardIterator(STREAM, "shardId-000000000000",
                IteratorType.TRIM_HORIZON, null, null);
        assertThat(engine.records().getRecords(iterator, 10).records())
                .extracting(r -> new String(r.data(), StandardCharsets.UTF_8)).containsExactly("new");
    }
}
