package io.sluice.mappings.poll;

import io.sluice.mappings.invoke.LambdaInvoker.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A function that fails, throttles, cannot be reached or reports partial failures at random, restarts at random
 * and a shard split midway: every record is still processed, and each partition key's records are first processed
 * in the order they were put. The function's answers depend only on the seed and the batch, not on which thread
 * invokes it, so a seed reproduces a run.
 */
class RandomizedDeliveryTest {

    @TempDir
    Path dir;
    private PollerFixture fx;

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void everyRecordIsProcessedAndEachKeyInOrderWhateverTheFunctionAndRestartsDo() throws IOException {
        long seed = System.nanoTime();
        System.out.println("RandomizedDeliveryTest seed " + seed);
        Random random = new Random(seed);
        fx = new PollerFixture(dir);
        fx.createStream(2);
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        Map<String, Integer> tries = new ConcurrentHashMap<>();
        fx.function.answer(event -> answer(seed, event, tries, acknowledged));
        PollerFixture.Settings settings = PollerFixture.settings().batchSize(5).parallelization(3)
                .itemFailures();
        fx.run(settings);

        Map<String, List<String>> putOrder = new HashMap<>();
        int n = 0;
        for (int round = 0; round < 40; round++) {
            for (int i = random.nextInt(8); i > 0; i--) {
                String key = "key-" + random.nextInt(10);
                String data = key + "#" + n++;
                fx.put(key, data);
                putOrder.computeIfAbsent(key, k -> new ArrayList<>()).add(data);
            }
            if (round == 15) {
                fx.engine.shards().split(PollerFixture.STREAM, "shardId-000000000000",
                        BigInteger.ONE.shiftLeft(126));
            }
            fx.drain();
            fx.clock.advance(Duration.ofMillis(100 + random.nextInt(1_500)));
            if (random.nextInt(6) == 0) {
                fx.restart();
                fx.run(settings);
            }
        }
        for (int i = 0; i < 100 && new LinkedHashSet<>(acknowledged).size() < n; i++) {
            fx.drain();
            fx.clock.advance(Duration.ofSeconds(2));
        }

        Set<String> firstTimes = new LinkedHashSet<>(acknowledged);
        assertThat(firstTimes).hasSize(n);
        Map<String, List<String>> processedOrder = new HashMap<>();
        for (String data : firstTimes) {
            processedOrder.computeIfAbsent(data.split("#")[0], k -> new ArrayList<>()).add(data);
        }
        assertThat(processedOrder).isEqualTo(putOrder);
    }

    /** Fails, throttles, breaks or acknowledges a prefix, as the seed and the batch's tries decide. */
    private static Invocation answer(long seed, com.fasterxml.jackson.databind.JsonNode event,
                                     Map<String, Integer> tries, List<String> acknowledged) throws IOException {
        List<String> seqs = ScriptedFunction.sequenceNumbers(event);
        List<String> data = ScriptedFunction.data(event);
        int attempt = tries.merge(seqs.getFirst() + "/" + seqs.size(), 1, Integer::sum);
        long h = new Random(seed ^ seqs.getFirst().hashCode() * 31L ^ seqs.size() * 1_000_003L ^ attempt)
                .nextLong();
        int roll = (int) Math.floorMod(h, 100L);
        if (roll < 15) {
            return ScriptedFunction.unhandled();
        }
        if (roll < 22) {
            return new Invocation(429, null, new byte[0]);
        }
        if (roll < 25) {
            throw new IOException("connection reset");
        }
        if (roll < 40 && seqs.size() > 1) {
            int failedAt = 1 + (int) Math.floorMod(h >>> 8, (long) seqs.size() - 1);
            acknowledged.addAll(data.subList(0, failedAt));
            return ScriptedFunction.ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + seqs.get(failedAt)
                    + "\"}]}");
        }
        acknowledged.addAll(data);
        return ScriptedFunction.ok("");
    }
}
