package io.sluice.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogConfigTest {

    @Test
    void defaultsAre64MiBSegmentsRolledHourlyWithA4KiBIndexIntervalAndFsync() {
        assertThat(LogConfig.defaults()).isEqualTo(new LogConfig(64L * 1024 * 1024, 3_600_000, 4096, true));
    }

    @Test
    void nonPositiveSizesAndIntervalsAreRejected() {
        assertThatThrownBy(() -> new LogConfig(0, 1, 1, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmentBytes");
        assertThatThrownBy(() -> new LogConfig(1, 0, 1, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmentMillis");
        assertThatThrownBy(() -> new LogConfig(1, 1, 0, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indexIntervalBytes");
    }
}
