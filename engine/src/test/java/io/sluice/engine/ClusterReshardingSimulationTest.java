package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.common.HashKeyRange;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.SharedInMemoryCluster;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded simulation of resharding across nodes: three engines on one {@link SharedInMemoryCluster} (views lag,
 * appends of the nodes interleave), producers put each batch through a random node while random splits, merges
 * and shard-count updates run on random nodes, from two threads at once; then every shard is read through a random node, parents before
 * children. Every acknowledged record is read exactly once, in per-key order across parents and children, and
 * only from a shard whose hash range holds its key; a record whose put failed may or may not be read, but never
 * twice, and nothing is read that was never put. Re-run a failure with {@code -Dsluice.seed=<seed>}.
 *
 * <p>Producers run on their own threads: each one's failure is collected and rethrown in the test thread.
 */
class ClusterReshardingSimulationTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "cluster-sim");
    private static final int NODES = 3;
    private static final int PRODUCERS = 3;
    private static final int RESHARD_OPERATIONS = 40;
    /** Threads resharding at once, each through random nodes, so reshards also race each other. */
    private static final int RESHARDERS = 2;

    @TempDir
    Path keystore;

    /** What the producers put: each record (its data) acknowledged, or failed. */
    private record Puts(Map<String, List<Integer>> acked, Set<String> failed, AtomicInteger failedPuts,
                        Map<String, String> trace) {
        Puts() {
            this(new ConcurrentHashMap<>(), ConcurrentHashMap.newKeySet(), new AtomicInteger(),
                    new ConcurrentHashMap<>());
        }

        /** Where each record of a key went and was read, for the failure message. */
        String traceOf(String key) {
            StringBuilder out = new StringBuilder();
            trace.entrySet().stream().filter(e -> e.getKey().startsWith(key + ":"))
                    .sorted(Comparator.comparing(e -> sequence(e.getKey())))
                    .forEach(e -> out.append('\n').append(e.getKey()).append(": ").append(e.getValue()));
            return out.toString();
        }
    }
    @Test
    void acknowledgedRecordsAreReadOnceInKeyOrderFromTheirShardsWhileNodesReshard() throws Exception {
        long seed = Long.getLong("sluice.seed", System.nanoTime());
        System.out.println("ClusterReshardingSimulationTest seed=" + seed);
        Random random = new Random(seed);
        try (ClusterEngines nodes = new ClusterEngines(NODES, keystore, Clock.system(), random.nextLong(),
                SharedInMemoryCluster.Lag.SOME)) {
            nodes.node(random.nextInt(NODES)).streams().create(STREAM, 1 + random.nextInt(3), null, null);
            nodes.syncAll();
            Puts puts = new Puts();
            AtomicBoolean stop = new AtomicBoolean();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> producers = ReshardingSimulationTest.startProducers(PRODUCERS, random, failures, stop,
                    (producer, producerRandom) -> produce(nodes, producer, producerRandom, puts, stop));
            AtomicInteger refused = new AtomicInteger();
            List<Thread> resharders = new ArrayList<>();
            for (int r = 0; r < RESHARDERS; r++) {
                Random resharderRandom = new Random(random.nextLong());
                resharders.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < RESHARD_OPERATIONS / RESHARDERS && !stop.get(); i++) {
                            refused.addAndGet(reshardAtRandom(nodes, resharderRandom) ? 0 : 1);
                            Thread.sleep(resharderRandom.nextInt(4));
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Thread resharder : resharders) {
                resharder.join();
            }
            stop.set(true);
            for (Thread producer : producers) {
                producer.join();
            }
            ReshardingSimulationTest.rethrowFirst(failures, seed);
            nodes.syncAll();
            System.out.println("acknowledged: " + puts.acked().values().stream().mapToInt(List::size).sum()
                    + ", failed: " + puts.failed().size() + " (in " + puts.failedPuts() + " failed calls)"
                    + ", shards: " + nodes.node(0).streams().describe(STREAM).meta().shards().size()
                    + ", reshards refused as planned on a stale view: " + refused
                    + ", records cut off by a seal (and put again): " + nodes.cluster.recordsPastSeals());

            Map<String, List<Integer>> read = readParentsBeforeChildren(nodes, random, puts, seed);
            StreamMeta end = nodes.node(0).streams().describe(STREAM).meta();
            String lineage = end.shards().stream().map(s -> "\n" + s.id() + " <- " + s.parent() + ", "
                    + s.adjacentParent() + " closed at " + s.closedAt() + ", ends at " + s.endOffset())
                    .reduce("", String::concat);
            for (Map.Entry<String, List<Integer>> key : read.entrySet()) {
                assertThat(key.getValue()).as("key %s read in put order, each once (seed %d)%s%nshards:%s",
                                key.getKey(), seed, puts.traceOf(key.getKey()), lineage)
                        .isSorted().doesNotHaveDuplicates();
            }
            for (Map.Entry<String, List<Integer>> key : puts.acked().entrySet()) {
                assertThat(read.getOrDefault(key.getKey(), List.of()))
                        .as("acknowledged records of key %s (seed %d)", key.getKey(), seed)
                        .containsAll(key.getValue());
            }
        }
    }

    private static void produce(ClusterEngines nodes, int producer, Random random, Puts puts, AtomicBoolean stop) {
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
            int n = random.nextInt(nodes.size());
            KinesisEngine node = nodes.node(n);
            long started = System.nanoTime();
            List<PutOutcome> outcomes;
            try {
                outcomes = node.records().putRecords(STREAM, entries).join();
            } catch (CompletionException e) {
                puts.failedPuts().incrementAndGet();
                entries.forEach(entry -> puts.failed().add(new String(entry.data(), StandardCharsets.UTF_8)));
                continue;
            }
            for (int i = 0; i < outcomes.size(); i++) {
                String data = new String(entries.get(i).data(), StandardCharsets.UTF_8);
                if (outcomes.get(i).failed()) {
                    puts.failed().add(data);
                } else {
                    puts.acked().computeIfAbsent(keys.get(i), k -> new ArrayList<>()).add(sequence(data));
                    puts.trace().put(data, "put through node " + n + " at " + started + " into "
                            + outcomes.get(i).result().shardId() + " (acked at " + System.nanoTime() + ")");
                }
            }
        }
    }

    private static int sequence(String data) {
        return Integer.parseInt(data.substring(data.indexOf(':') + 1));
    }

    /**
     * Runs a random reshard on a random node, planned on that node's view (synced first half of the time).
     *
     * @return false if the node refused it because the plan was made on a view another reshard had changed since
     *         (the shard was already closed, or the open shard count is no longer what it was)
     */
    private static boolean reshardAtRandom(ClusterEngines nodes, Random random) {
        int n = random.nextInt(nodes.size());
        if (random.nextBoolean()) {
            nodes.sync(n);
        }
        try {
            ReshardingSimulationTest.reshardOnce(nodes.node(n), STREAM, random);
            return true;
        } catch (ServiceException e) {
            if (e.type() == ErrorType.INVALID_ARGUMENT && (e.getMessage().contains("already been merged or split")
                    || e.getMessage().contains("UpdateShardCount cannot scale"))) {
                return false;
            }
            throw new AssertionError("reshard refused: " + e.getMessage(), e);
        }
    }

    /**
     * Reads every shard to its end through a random node, each only after all of its parents, as the KCL does;
     * checks each record against its shard's range and against what was put, and that it is read once.
     */
    private static Map<String, List<Integer>> readParentsBeforeChildren(ClusterEngines nodes, Random random,
                                                                        Puts puts, long seed) {
        StreamMeta meta = nodes.node(0).streams().describe(STREAM).meta();
        Map<String, List<Integer>> read = new HashMap<>();
        Set<String> seen = new HashSet<>();
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
            assertThat(shard.isOpen() || shard.isSealed()).as("shard %s has an end (seed %d)", shard.id(), seed)
                    .isTrue();
            KinesisEngine node = nodes.node(random.nextInt(nodes.size()));
            String it = node.records().getShardIterator(STREAM, shard.id().toString(), IteratorType.TRIM_HORIZON,
                    null, null);
            while (it != null) {
                GetRecordsResult result = node.records().getRecords(it, 1000);
                for (ReadRecord record : result.records()) {
                    String data = new String(record.data(), StandardCharsets.UTF_8);
                    String key = record.partitionKey();
                    int sequence = sequence(data);
                    assertThat(shard.range().contains(HashKeyRange.hashOf(key)))
                            .as("%s read from %s, whose range excludes its key (seed %d); it was %s", data, shard.id(),
                                    seed, puts.trace().getOrDefault(data, "not acknowledged"))
                            .isTrue();
                    assertThat(puts.acked().getOrDefault(key, List.of()).contains(sequence)
                            || puts.failed().contains(data)).as("%s read but never put (seed %d)", data, seed)
                            .isTrue();
                    assertThat(seen.add(data)).as("%s read twice, again from %s (seed %d)", data, shard.id(), seed)
                            .isTrue();
                    read.computeIfAbsent(key, k -> new ArrayList<>()).add(sequence);
                    puts.trace().merge(data, " read from " + shard.id(), String::concat);
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
