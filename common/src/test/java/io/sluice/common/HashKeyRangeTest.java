package io.sluice.common;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HashKeyRangeTest {

    @Test
    void evenSplitCoversTheWholeSpaceWithoutGapsOrOverlaps() {
        for (int n : new int[] {1, 2, 3, 7, 100}) {
            List<HashKeyRange> ranges = HashKeyRange.evenSplit(n);
            assertThat(ranges).hasSize(n);
            assertThat(ranges.getFirst().start()).isEqualTo(BigInteger.ZERO);
            assertThat(ranges.getLast().end()).isEqualTo(HashKeyRange.MAX_HASH_KEY);
            for (int i = 1; i < n; i++) {
                assertThat(ranges.get(i).start()).isEqualTo(ranges.get(i - 1).end().add(BigInteger.ONE));
            }
        }
    }

    @Test
    void evenSplitUsesWidthFloorOfTwoTo128OverN() {
        BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(3));
        assertThat(HashKeyRange.evenSplit(3).get(1).start()).isEqualTo(width);
    }

    @Test
    void partitionKeyHashIsUnsignedMd5() {
        // MD5("") = d41d8cd98f00b204e9800998ecf8427e
        assertThat(HashKeyRange.hashOf("")).isEqualTo(new BigInteger("d41d8cd98f00b204e9800998ecf8427e", 16));
    }
}
