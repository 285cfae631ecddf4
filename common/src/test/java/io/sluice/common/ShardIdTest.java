package io.sluice.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShardIdTest {

    @Test
    void printsTwelveZeroPaddedDigits() {
        assertThat(new ShardId(42).toString()).isEqualTo("shardId-000000000042");
    }

    @Test
    void parsesFullAndBareForms() {
        assertThat(ShardId.parseOrNull("shardId-000000000007")).isEqualTo(new ShardId(7));
        assertThat(ShardId.parseOrNull("7")).isEqualTo(new ShardId(7));
        assertThat(ShardId.parseOrNull("shardId-abc")).isNull();
        assertThat(ShardId.parseOrNull("shard-1")).isNull();
    }
}
