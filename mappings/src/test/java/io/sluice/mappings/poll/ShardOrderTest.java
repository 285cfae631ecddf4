package io.sluice.mappings.poll;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Parents before children after a reshard; ParallelizationFactor keeps the order of each partition key. */
class ShardOrderTest {

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

    @Test
    void childrenAreReadOnlyAfterTheirParentIsDoneEvenWhenTheParentIsBlocked() {
        fx.put("k", "parent-1");
        fx.put("k", "parent-2");
        fx.engine.shards().split(PollerFixture.STREAM, "shardId-000000000000", BigInteger.ONE.shiftLeft(127));
        for (int i = 0; i < 10; i++) {
            fx.put("key-" + i, "child-" + i);
        }
        fx.function.answer(event -> fx.function.invocations() <= 3 && ScriptedFunction.data(event)
                .contains("parent-1") ? ScriptedFunction.unhandled() : ScriptedFunction.ok(""));
        fx.run(PollerFixture.settings().batchSize(1));

        for (int i = 0; i < 5; i++) {
            fx.drain();
            fx.clock.advance(Duration.ofSeconds(1));
        }

        List<String> data = fx.function.deliveredData();
        // three failures, then the parent's records succeed, then its children
        assertThat(data.subList(0, 5)).containsExactly("parent-1", "parent-1", "parent-1", "parent-1",
                "parent-2");
        assertThat(data.subList(5, data.size())).hasSize(10).allMatch(d -> d.startsWith("child-"));
        assertThat(fx.function.events()).extracting(e -> e.at("/Records/0/eventID").asText().split(":")[0])
                .startsWith("shardId-000000000000", "shardId-000000000000", "shardId-000000000000",
                        "shardId-000000000000")
                .contains("shardId-000000000001", "shardId-000000000002");
    }

    @Test
    void aMergeWaitsForBothParents() throws IOException {
        fx.close();
        fx = new PollerFixture(dir.resolve("merge"));
        fx.createStream(2);
        String onFirst = key(false);
        String onSecond = key(true);
        fx.put(onFirst, "first");
        fx.put(onSecond, "second-blocked");
        fx.engine.shards().merge(PollerFixture.STREAM, "shardId-000000000000", "shardId-000000000001");
        fx.put(onFirst, "merged");
        fx.function.answer(event -> fx.function.invocations() <= 4 && ScriptedFunction.data(event)
                .contains("second-blocked") ? ScriptedFunction.unhandled() : ScriptedFunction.ok(""));
        fx.run(PollerFixture.settings());

        for (int i = 0; i < 6; i++) {
            fx.drain();
            fx.clock.advance(Duration.ofSeconds(1));
        }

        List<String> data = fx.function.deliveredData();
        assertThat(data.getLast()).isEqualTo("merged");
        assertThat(data.stream().filter("second-blocked"::equals)).hasSizeGreaterThan(1);
    }

    private static String key(boolean upperHalf) {
        for (int i = 0; ; i++) {
            String key = "key-" + i;
            if (io.sluice.common.HashKeyRange.hashOf(key).testBit(127) == upperHalf) {
                return key;
            }
        }
    }

    @Test
    void parallelSlicesKeepEachPartitionKeysOrder() {
        long seed = System.nanoTime();
        System.out.println("parallelSlicesKeepEachPartitionKeysOrder seed " + seed);
        Random random = new Random(seed);
        Map<String, Integer> next = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String key = "key-" + random.nextInt(12);
            int n = next.merge(key, 1, Integer::sum);
            fx.put(key, key + "#" + n);
        }
        // each batch whose first record's number is a multiple of 5 fails once, whichever thread invokes it
        java.util.Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        fx.function.answer(event -> {
            String first = ScriptedFunction.data(event).getFirst();
            return Integer.parseInt(first.split("#")[1]) % 5 == 0 && failedOnce.add(first)
                    ? ScriptedFunction.unhandled() : ScriptedFunction.ok("");
        });
        fx.run(PollerFixture.settings().parallelization(4).batchSize(7));

        fx.step();
        int firstStep = fx.function.invocations();
        for (int i = 0; i < 200; i++) {
            fx.drain();
            fx.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(firstStep).as("slices are invoked side by side").isGreaterThan(1);
        Map<String, List<Integer>> seen = new HashMap<>();
        List<String> succeeded = new ArrayList<>();
        for (JsonNode event : fx.function.events()) {
            for (String data : ScriptedFunction.data(event)) {
                String[] parts = data.split("#");
                seen.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
                succeeded.add(data);
            }
        }
        seen.forEach((key, numbers) -> {
            // retries repeat a batch, so a key's numbers may step back only to repeat what came before
            int highest = 0;
            for (int n : numbers) {
                assertThat(n).as("key %s", key).isLessThanOrEqualTo(highest + 1);
                highest = Math.max(highest, n);
            }
            assertThat(highest).isEqualTo(next.get(key));
        });
        assertThat(succeeded).hasSizeGreaterThanOrEqualTo(300);
    }
}
