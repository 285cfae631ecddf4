package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stress: many producers put small batches as fast as they can while the shard count is changed over and over
 * (every change closes every open shard). Afterwards every acknowledged record is read back from its shard, by
 * sequence number: a shard sealed before an acknowledged put hides that record from every reader. Bounded by the
 * number of reshards (a few seconds); the seed is printed, re-run with {@code -Dsluice.seed=<seed>}.
 */
class ReshardUnderLoadTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "load");
    private static final int PRODUCERS = 8;
    private static final int RESHARDS = 40;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordIsReadableAfterConcurrentReshards() throws Exception {
        long seed = Long.getLong("sluice.seed", System.nanoTime());
        System.out.println("ReshardUnderLoadTest seed=" + seed);
        Random random = new Random(seed);
        EngineConfig config = EngineConfig.defaults().withStatusDelays(0, 0, 0).withLimits(LimitSettings.off());
        LogConfig logConfig = new LogConfig(1 << 20, 3_600_000, 4096, false);
        try (KinesisEngine engine = new KinesisEngine(dir, config, logConfig, Clock.system())) {
            engine.streams().create(STREAM, 2, null, null);
            Set<String> acked = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                Random producerRandom = new Random(random.nextLong());
                int producer = p;
                producers.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int n = 0; !stop.get(); n++) {
                            List<PutRecordsEntry> batch = new ArrayList<>();
                            for (int i = 1 + producerRandom.nextInt(3); i > 0; i--) {
                                batch.add(new PutRecordsEntry(("p" + producer + "-" + n + "-" + i)
                                        .getBytes(StandardCharsets.UTF_8), "k" + producerRandom.nextInt(64), null));
                            }
                            for (PutOutcome outcome : engine.records().putRecords(STREAM, batch).join()) {
                                assertThat(outcome.failed()).as("%s", outcome).isFalse();
                                acked.add(outcome.result().sequenceNumber().format());
                            }
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                        stop.set(true);
                    }
                }));
            }
            for (int i = 0; i < RESHARDS && !stop.get(); i++) {
                int open = engine.describe(STREAM).meta().openShardCount();
                engine.shards().updateShardCount(STREAM, open == 2 ? 4 : 2);
            }
            stop.set(true);
            for (Thread producer : producers) {
                producer.join();
            }
            ReshardingSimulationTest.rethrowFirst(failures, seed);

            Set<String> read = readEverything(engine);
            Set<String> missing = new HashSet<>(acked);
            missing.removeAll(read);
            System.out.println("acknowledged " + acked.size() + " records");
            assertThat(missing).as("acknowledged but unreadable (seed %d)", seed).isEmpty();
        }
    }

    private static Set<String> readEverything(KinesisEngine engine) {
        Set<String> read = new HashSet<>();
        for (ShardMeta shard : engine.describe(STREAM).meta().shards()) {
            String it = engine.records().getShardIterator(STREAM, shard.id().toString(), IteratorType.TRIM_HORIZON, null, null);
            while (it != null) {
                GetRecordsResult result = engine.records().getRecords(it, 10000);
                result.records().forEach(r -> read.add(r.sequenceNumber().format()));
                if (result.records().isEmpty() && (shard.isOpen() || result.nextShardIterator() == null)) {
                    break;
                }
                it = result.nextShardIterator();
            }
        }
        return read;
    }
}
