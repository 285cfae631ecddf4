package io.sluice.engine;

import io.sluice.common.ManualClock;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.store.InMemoryStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine on stores that are not storage's: everything it persists and reads goes through the store
 * interfaces, so a second backend (the cluster's) needs to implement only those.
 */
class EngineOnOtherStoresTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "elsewhere");

    @TempDir
    Path kmsDir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);

    @Test
    void streamsLiveReshardAndDieOnlyInTheGivenStores() throws Exception {
        EngineStores stores = InMemoryStores.create(clock);
        EngineConfig config = EngineConfig.defaults().withStatusDelays(0, 0, 0);
        try (KinesisEngine engine = new KinesisEngine(stores, LocalKms.open(kmsDir, null, List.of()), config, clock,
                StreamObserver.NONE)) {
            engine.streams().create(STREAM, 1, null, null);
            clock.advance(Duration.ofSeconds(1));
            put(engine, "before");
            engine.shards().split(STREAM, "shardId-000000000000", BigInteger.ONE.shiftLeft(127));
            clock.advance(Duration.ofSeconds(1));
            put(engine, "after");

            assertThat(readAll(engine)).containsExactlyInAnyOrder("before", "after");
            assertThat(InMemoryStores.logNames(stores)).hasSize(3);
            assertThat(stores.metadata().entries().keySet()).anyMatch(key -> key.contains(STREAM.name()));

            engine.streams().delete(STREAM, false);
            clock.advance(Duration.ofSeconds(1));
            engine.maintenance().deletions().doWork();
            assertThat(InMemoryStores.logNames(stores)).isEmpty();
            assertThat(stores.metadata().entries().keySet()).noneMatch(key -> key.contains(STREAM.name()));
        }
    }

    private static void put(KinesisEngine engine, String data) {
        engine.records().putRecord(STREAM, new PutRecordsEntry(data.getBytes(StandardCharsets.UTF_8), "k", null))
                .join();
    }

    private static List<String> readAll(KinesisEngine engine) {
        List<String> read = new ArrayList<>();
        for (ShardMeta shard : engine.streams().describe(STREAM).meta().shards()) {
            String iterator = engine.records().getShardIterator(STREAM, shard.id().toString(),
                    IteratorType.TRIM_HORIZON, null, null);
            GetRecordsResult result = engine.records().getRecords(iterator, 100);
            result.records().forEach(r -> read.add(new String(r.data(), StandardCharsets.UTF_8)));
        }
        return read;
    }
}
