package io.sluice.engine;

import io.sluice.common.HashKeyRange;
import io.sluice.common.ShardId;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardRouterTest {

    @Test
    void routesEveryKeyToTheOpenShardWhoseRangeHoldsItsMd5AsBigIntegerRoutingDoes() {
        long seed = System.nanoTime();
        System.out.println("ShardRouterTest seed " + seed);
        Random random = new Random(seed);
        for (int layout = 0; layout < 50; layout++) {
            List<ShardMeta> shards = layout(random);
            ShardRouter router = ShardRouter.of(meta(shards));
            ShardRouter.Hasher hasher = router.hasher();
            for (int i = 0; i < 2_000; i++) {
                String key = randomKey(random);
                BigInteger hash = HashKeyRange.hashOf(key);
                assertThat(router.shard(hasher.slotOf(key.getBytes(StandardCharsets.UTF_8))))
                        .as("seed %d, key %s", seed, key).isEqualTo(owner(shards, hash));
                BigInteger explicit = new BigInteger(128, random);
                assertThat(router.shard(router.slotOf(explicit))).as("seed %d, hash key %s", seed, explicit)
                        .isEqualTo(owner(shards, explicit));
            }
            for (ShardMeta shard : shards) {
                if (shard.isOpen()) {
                    assertThat(router.shard(router.slotOf(shard.range().start()))).isEqualTo(shard);
                    assertThat(router.shard(router.slotOf(shard.range().end()))).isEqualTo(shard);
                }
            }
        }
    }

    @Test
    void aHashKeyNoOpenShardHoldsIsAnError() {
        BigInteger half = BigInteger.ONE.shiftLeft(127);
        ShardMeta low = new ShardMeta(new ShardId(0),
                new HashKeyRange(BigInteger.ZERO, half.subtract(BigInteger.ONE)), null, null, 0, -1, -1);
        ShardRouter router = ShardRouter.of(meta(List.of(low)));
        assertThat(router.shard(router.slotOf(BigInteger.ZERO))).isEqualTo(low);
        assertThatThrownBy(() -> router.slotOf(half)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(half.toString());
    }

    /** An even split, then random splits of open shards (the parent closed) at random points. */
    private static List<ShardMeta> layout(Random random) {
        List<ShardMeta> shards = new ArrayList<>();
        for (HashKeyRange range : HashKeyRange.evenSplit(1 + random.nextInt(8))) {
            shards.add(shard(shards.size(), range, -1));
        }
        int splits = random.nextInt(6);
        for (int s = 0; s < splits; s++) {
            int victim = random.nextInt(shards.size());
            ShardMeta parent = shards.get(victim);
            HashKeyRange range = parent.range();
            if (!parent.isOpen() || range.start().equals(range.end())) {
                continue;
            }
            BigInteger width = range.end().subtract(range.start());
            BigInteger at = range.start().add(BigInteger.ONE)
                    .add(new BigInteger(width.bitLength(), random).mod(width));
            shards.set(victim, parent.closed(1));
            shards.add(shard(shards.size(), new HashKeyRange(range.start(), at.subtract(BigInteger.ONE)), -1));
            shards.add(shard(shards.size(), new HashKeyRange(at, range.end()), -1));
        }
        return shards;
    }

    private static ShardMeta shard(int index, HashKeyRange range, long closedAt) {
        return new ShardMeta(new ShardId(index), range, null, null, 0, closedAt, -1);
    }

    private static ShardMeta owner(List<ShardMeta> shards, BigInteger hash) {
        return shards.stream().filter(s -> s.isOpen() && s.range().contains(hash)).findFirst().orElseThrow();
    }

    private static String randomKey(Random random) {
        StringBuilder key = new StringBuilder();
        int length = 1 + random.nextInt(40);
        for (int i = 0; i < length; i++) {
            key.appendCodePoint(random.nextInt(10) == 0 ? 0x80 + random.nextInt(0x3000) : 'a' + random.nextInt(26));
        }
        return key.toString();
    }

    private static StreamMeta meta(List<ShardMeta> shards) {
        return new StreamMeta(new StreamKey("000000000000", "us-east-1", "s"), 0, 0, -1, -1, 24,
                StreamMode.PROVISIONED, 1024, shards.size(), shards, Map.of(), null, Set.of(), 0);
    }
}
