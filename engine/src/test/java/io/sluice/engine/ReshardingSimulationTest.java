package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.ServiceException;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded simulation: producers write while random splits, merges and shard-count updates run; a consumer then
 * reads every shard, parents before children. No acknowledged record is lost or duplicated, and the order per
 * partition key holds across parents and children. Re-run a failure with {@code -Dsluice.seed=<seed>}.
 *
 * <p>Producers run on their own threads, where a failed assertion would only end that thread: each one's failure
 * is collected and rethrown in the test thread, so it fails the test.
 */
class ReshardingSimulationTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "sim");
    private static final int PRODUCERS = 3;
    private static final int RESHARD_OPERATIONS = 60;

    @TempDir
    Path dir;

    @Test
    void noRecordLostOrDuplicatedAndKeyOrderHoldsAcrossReshards() throws Exception {
        long seed = Long.getLong("sluice.seed", System.nanoTime());
        System.out.println("ReshardingSimulationTest seed=" + seed);
        Random random = new Random(seed);
        EngineConfig config = EngineConfig.defaults().withStatusDelays(0, 0, 0).withLimits(LimitSettings.off());
        LogConfig logConfig = new LogConfig(64 * 1024, 3_600_000, 1024, false);
        try (KinesisEngine engine = new KinesisEngine(dir, config, logConfig, Clock.system())) {
            engine.streams().create(STREAM, 1 + random.nextInt(3), null, null);
            Map<String, List<Integer>> acked = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> producers = startProducers(PRODUCERS, random, failures, stop,
                    (producer, producerRandom) -> produce(engine, producer, producerRandom, acked, stop));
            for (int i = 0; i < RESHARD_OPERATIONS; i++) {
                reshardAtRandom(engine, random);
                Thread.sleep(random.nextInt(4));
            }
            stop.set(true);
            for (Thread producer : producers) {
                producer.join();
            }
            rethrowFirst(failures, seed);
            System.out.println("records: " + acked.values().stream().mapToInt(List::size).sum() + ", shards: "
                    + engine.streams().describe(STREAM).meta().shards().size());
            Map<String, List<Integer>> read = readParentsBeforeChildren(engine);
            assertThat(read.keySet()).isEqualTo(acked.keySet());
            for (Map.Entry<String, List<Integer>> key : acked.entrySet()) {
                assertThat(read.get(key.getKey())).as("key %s, seed %d", key.getKey(), seed)
                        .isEqualTo(key.getValue());
            }
        }
    }

    /** One producer's loop, given its number and its own seeded random. */
    interface Producer {
        void run(int producer, Random random) throws Exception;
    }

    /**
     * Starts the producers on platform threads, each seeded from {@code random}; a producer that fails records
     * its failure and stops the others (rethrow with {@link #rethrowFirst}).
     */
    static List<Thread> startProducers(int count, Random random, List<Throwable> failures, AtomicBoolean stop,
                                       Producer body) {
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            long producerSeed = random.nextLong();
            int producer = p;
            producers.add(Thread.ofPlatform().start(() -> {
                try {
                    body.run(producer, new Random(producerSeed));
                } catch (Throwable t) {
                    failures.add(t);
                    stop.set(true);
                }
            }));
        }
        return producers;
    }

    /** Fails the test with the first producer failure, the others attached as suppressed. */
    static void rethrowFirst(List<Throwable> failures, long seed) {
        if (failures.isEmpty()) {
            return;
        }
        AssertionError error = new AssertionError("a producer failed (seed " + seed + ")", failures.getFirst());
        failures.stream().skip(1).forEach(error::addSuppressed);
        throw error;
    }

    private static void produce(KinesisEngine engine, int producer, Random random, Map<String, List<Integer>> acked,
                                AtomicBoolean stop) {
        Map<String, Integer> next = new HashMap<>();
        while (!stop.get()) {
            int batch = 1 + random.nextInt(20);
            List<PutRecordsEntry> entries = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                String key = "p" + producer + "-k" + random.nextInt(6);
                int n = next.merge(key, 1, Integer::sum);
                entries.add(new PutRecordsEntry((key + ":" + n).getBytes(StandardCharsets.UTF_8), key, null));
                keys.add(key);
            }
            List<PutOutcome> outcomes = engine.records().putRecords(STREAM, entries).join();
            for (int i = 0; i < outcomes.size(); i++) {
                assertThat(outcomes.get(i).failed()).as("record %d: %s", i, outcomes.get(i)).isFalse();
                String data = new String(entries.get(i).data(), StandardCharsets.UTF_8);
                acked.computeIfAbsent(keys.get(i), k -> new ArrayList<>())
                        .add(Integer.parseInt(data.substring(data.indexOf(':') + 1)));
            }
        }
    }

    private static void reshardAtRandom(KinesisEngine engine, Random random) {
        try {
            reshardOnce(engine, STREAM, random);
        } catch (ServiceException e) {
            throw new AssertionError("reshard refused: " + e.getMessage(), e);
        }
    }

    /** One random split, merge or shard-count update of a stream, planned on the engine's view of it. */
    static void reshardOnce(KinesisEngine engine, StreamKey stream, Random random) {
        StreamMeta meta = engine.streams().describe(stream).meta();
        List<ShardMeta> open = new ArrayList<>(meta.openShards());
        open.sort(Comparator.comparing(s -> s.range().start()));
        switch (random.nextInt(3)) {
            case 0 -> {
                ShardMeta shard = open.get(random.nextInt(open.size()));
                BigInteger width = shard.range().end().subtract(shard.range().start());
                if (width.compareTo(BigInteger.valueOf(4)) > 0 && open.size() < 12) {
                    BigInteger offset = new BigInteger(width.bitLength(), random).mod(width.subtract(BigInteger.TWO));
                    engine.shards().split(stream, shard.id().toString(),
                            shard.range().start().add(BigInteger.TWO).add(offset));
                }
            }
            case 1 -> {
                if (open.size() > 1) {
                    int i = random.nextInt(open.size() - 1);
                    engine.shards().merge(stream, open.get(i).id().toString(), open.get(i + 1).id().toString());
                }
            }
            default -> {
                int current = open.size();
                int low = (current + 1) / 2;
                int high = Math.min(2 * current, 10);
                if (high >= low) {
                    engine.shards().updateShardCount(stream, low + random.nextInt(high - low + 1));
                }
            }
        }
    }

    /** Reads every shard to its end, each only after all of its parents, as the KCL does. */
    private static Map<String, List<Integer>> readParentsBeforeChildren(KinesisEngine engine) {
        StreamMeta meta = engine.streams().describe(STREAM).meta();
        Map<String, List<Integer>> read = new HashMap<>();
        Set<Integer> done = new HashSet<>();
        Deque<ShardMeta> pending = new ArrayDeque<>(meta.shards());
        while (!pending.isEmpty()) {
            ShardMeta shard = pending.poll();
            boolean ready = (shard.parent() == null || done.contains(shard.parent().index()))
                    && (shard.adjacentParent() == null || done.contains(shard.adjacentParent().index()));
            if (!ready) {
                pending.add(shard);
                continue;
            }
            String it = engine.records().getShardIterator(STREAM, shard.id().toString(), IteratorType.TRIM_HORIZON, null, null);
            while (it != null) {
                GetRecordsResult result = engine.records().getRecords(it, 1000);
                for (ReadRecord record : result.records()) {
                    String data = new String(record.data(), StandardCharsets.UTF_8);
                    read.computeIfAbsent(record.partitionKey(), k -> new ArrayList<>())
                            .add(Integer.parseInt(data.substring(data.indexOf(':') + 1)));
                }
                if (result.records().isEmpty() && shard.isOpen()) {
                    break;
                }
                it = result.nextShardIterator();
            }
            done.add(shard.id().index());
        }
        return read;
    }
}
