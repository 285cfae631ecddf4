package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.HashKeyRange;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.common.ShardId;
import io.sluice.storage.LogConfig;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ReshardingTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "orders");
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final EngineConfig config = EngineConfig.defaults().withStatusDelays(0, 1000, 0);
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
        assertThat(((ServiceException) thrown).type()).as(thrown.getMessage()).isEqualTo(type);
    }

    private PutResult put(String key, String data) {
        return engine.records().putRecord(STREAM, new PutRecordsEntry(data.getBytes(StandardCharsets.UTF_8), key, null)).join();
    }

    private List<String> read(String shardId, GetRecordsResult[] last) {
        String it = engine.records().getShardIterator(STREAM, shardId, IteratorType.TRIM_HORIZON, null, null);
        last[0] = engine.records().getRecords(it, 1000);
        return last[0].records().stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void splitShardClosesParentAndRoutesNewWritesToChildren() {
        engine.streams().create(STREAM, 1, null, null);
        put("a", "before");
        engine.shards().split(STREAM, "shardId-000000000000", HALF);
        StreamMeta meta = engine.streams().describe(STREAM).meta();
        ShardMeta parent = meta.shard(0);
        assertThat(parent.isSealed()).isTrue();
        assertThat(parent.endOffset()).isEqualTo(1);
        assertThat(meta.shard(1).parent()).isEqualTo(new ShardId(0));
        assertThat(meta.shard(1).range()).isEqualTo(new HashKeyRange(BigInteger.ZERO, HALF.subtract(BigInteger.ONE)));
        assertThat(meta.shard(2).range()).isEqualTo(new HashKeyRange(HALF, HashKeyRange.MAX_HASH_KEY));

        PutResult after = put("a", "after");
        assertThat(after.shardId().index()).isIn(1, 2);
        GetRecordsResult[] last = new GetRecordsResult[1];
        assertThat(read("shardId-000000000000", last)).containsExactly("before");
        assertThat(last[0].nextShardIterator()).isNull();
        assertThat(last[0].childShards()).extracting(ChildShard::shardId)
                .containsExactly(new ShardId(1), new ShardId(2));
        assertThat(last[0].childShards()).allSatisfy(c -> assertThat(c.parentShards()).containsExactly(new ShardId(0)));
    }

    @Test
    void streamIsUpdatingWhileItReshardsAndRefusesAnotherUpdate() {
        engine.streams().create(STREAM, 2, null, null);
        engine.shards().split(STREAM, "shardId-000000000000", BigInteger.TEN);
        assertThat(engine.streams().describe(STREAM).status()).isEqualTo(StreamStatus.UPDATING);
        put("x", "writes still work while UPDATING");
        assertError(() -> engine.shards().merge(STREAM, "shardId-000000000002", "shardId-000000000003"),
                ErrorType.RESOURCE_IN_USE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.streams().describe(STREAM).status()).isEqualTo(StreamStatus.ACTIVE);
        engine.shards().merge(STREAM, "shardId-000000000002", "shardId-000000000003");
        ShardMeta child = engine.streams().describe(STREAM).meta().shard(4);
        assertThat(child.parent()).isEqualTo(new ShardId(2));
        assertThat(child.adjacentParent()).isEqualTo(new ShardId(3));
    }

    @Test
    void badSplitKeysAndNonAdjacentMergesAreInvalidArguments() {
        engine.streams().create(STREAM, 3, null, null);
        assertError(() -> engine.shards().split(STREAM, "shardId-000000000000", BigInteger.ONE),
                ErrorType.INVALID_ARGUMENT);
        assertError(() -> engine.shards().split(STREAM, "shardId-000000000000", HashKeyRange.MAX_HASH_KEY),
                ErrorType.INVALID_ARGUMENT);
        assertError(() -> engine.shards().merge(STREAM, "shardId-000000000000", "shardId-000000000002"),
                ErrorType.INVALID_ARGUMENT);
        assertError(() -> engine.shards().split(STREAM, "shardId-000000000009", BigInteger.TEN),
                ErrorType.RESOURCE_NOT_FOUND);
    }

    @Test
    void updateShardCountScalesUniformlyWithinAwsBounds() {
        engine.streams().create(STREAM, 3, null, null);
        assertError(() -> engine.shards().updateShardCount(STREAM, 7), ErrorType.INVALID_ARGUMENT);
        assertError(() -> engine.shards().updateShardCount(STREAM, 1), ErrorType.INVALID_ARGUMENT);
        assertThat(engine.shards().updateShardCount(STREAM, 5)).isEqualTo(3);
        clock.advance(Duration.ofSeconds(1));
        List<ShardMeta> open = engine.streams().describe(STREAM).meta().openShards();
        assertThat(open).extracting(ShardMeta::range).containsExactlyInAnyOrderElementsOf(HashKeyRange.evenSplit(5));
        assertThat(open).allSatisfy(s -> assertThat(s.parent()).isNotNull());
        engine.shards().updateShardCount(STREAM, 3);
        assertThat(engine.streams().describe(STREAM).meta().openShards()).extracting(ShardMeta::range)
                .containsExactlyInAnyOrderElementsOf(HashKeyRange.evenSplit(3));
    }

    @Test
    void onDemandStreamsCannotBeReshardedByHand() {
        engine.streams().create(STREAM, null, StreamMode.ON_DEMAND, null);
        assertError(() -> engine.shards().updateShardCount(STREAM, 5), ErrorType.VALIDATION);
    }

    @Test
    void closedShardsKeepTheirEndAcrossARestart() throws IOException {
        engine.streams().create(STREAM, 1, null, null);
        put("a", "1");
        put("a", "2");
        engine.shards().split(STREAM, "shardId-000000000000", HALF);
        engine.close();
        engine = new KinesisEngine(dir, config, LogConfig.defaults(), clock);
        assertThat(engine.streams().describe(STREAM).meta().shard(0).endOffset()).isEqualTo(2);
        GetRecordsResult[] last = new GetRecordsResult[1];
        assertThat(read("shardId-000000000000", last)).containsExactly("1", "2");
        assertThat(last[0].nextShardIterator()).isNull();
    }
}
