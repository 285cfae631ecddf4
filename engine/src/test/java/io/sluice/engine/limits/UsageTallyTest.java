package io.sluice.engine.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsageTallyTest {

    private final UsageTally tally = new UsageTally();

    private ShardUsage drain() {
        return tally.drain("000000000000", "us-east-1", "orders", 42, 3);
    }

    @Test
    void aDrainTakesWhatWasCountedSinceTheLastAndResets() {
        tally.wrote(10, 1000);
        tally.wrote(5, 500);
        tally.read(1, 300);
        tally.read(0, 200);

        assertThat(drain()).isEqualTo(new ShardUsage("000000000000", "us-east-1", "orders", 42, 3, 1500, 15, 1, 500));
        assertThat(drain()).as("nothing since").isNull();

        tally.wrote(1, 7);
        assertThat(drain().writeBytes()).isEqualTo(7);
    }

    @Test
    void aShardWithoutTrafficReportsNothing() {
        assertThat(drain()).isNull();
    }
}
