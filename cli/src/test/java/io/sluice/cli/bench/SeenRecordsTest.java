package io.sluice.cli.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeenRecordsTest {

    @Test
    void tellsAFirstReadFromADuplicate() {
        SeenRecords seen = new SeenRecords();

        assertThat(seen.firstTime(0)).isTrue();
        assertThat(seen.firstTime(5)).isTrue();
        assertThat(seen.firstTime(0)).isFalse();
        assertThat(seen.firstTime(5)).isFalse();
        assertThat(seen.firstTime(1)).isTrue();
    }

    @Test
    void sequencesBeyondTheRangeOfOneBitSetAreKeptApart() {
        SeenRecords seen = new SeenRecords();
        long far = (1L << 30) + 3;

        assertThat(seen.firstTime(3)).isTrue();
        assertThat(seen.firstTime(far)).isTrue();
        assertThat(seen.firstTime(far)).isFalse();
        assertThat(seen.firstTime(3)).isFalse();
    }
}
