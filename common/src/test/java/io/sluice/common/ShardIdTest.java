package io.sluice.common;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ShardIdTest {

    @Test
    void printsTwelveZeroPaddedDigits() {
        assertThat(new ShardId(42).toString()).isEqualTo("shardId-000000000042");
    }

    @Test
    void formatToWritesTheSameTextAsTheZeroPaddedDecimalForEveryKindOfIndex() {
        long seed = System.nanoTime();
        System.out.println("ShardId.formatTo, seed " + seed);
        Random random = new Random(seed);
        byte[] out = new byte[40];
        for (int i = 0; i < 20_000; i++) {
            int index = i < 4 ? new int[] {0, 9, 10, Integer.MAX_VALUE}[i] : random.nextInt(Integer.MAX_VALUE)
                    >>> random.nextInt(31);
            int offset = random.nextInt(out.length - ShardId.LENGTH + 1);
            Arrays.fill(out, (byte) '#');
            String expected = String.format("shardId-%012d", index);

            int written = new ShardId(index).formatTo(out, offset);

            assertThat(written).isEqualTo(ShardId.LENGTH);
            assertThat(new String(out, StandardCharsets.US_ASCII)).as("seed " + seed + ", index " + index)
                    .isEqualTo("#".repeat(offset) + expected + "#".repeat(out.length - offset - written));
            assertThat(new ShardId(index).toString()).isEqualTo(expected);
        }
    }

    @Test
    void parsesFullAndBareForms() {
        assertThat(ShardId.parseOrNull("shardId-000000000007")).isEqualTo(new ShardId(7));
        assertThat(ShardId.parseOrNull("7")).isEqualTo(new ShardId(7));
        assertThat(ShardId.parseOrNull("shardId-abc")).isNull();
        assertThat(ShardId.parseOrNull("shard-1")).isNull();
    }
}
