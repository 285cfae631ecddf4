package io.sluice.analytics.host;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PositionTrackerTest {

    @Test
    void aShardIsStoredAfterItsLastRecordBelowTheFloor() {
        PositionTracker tracker = new PositionTracker(Map.of("s0", "10"));
        tracker.pushed("s0", 100, "11");
        tracker.pushed("s0", 100, "12");
        tracker.pushed("s0", 200, "13");
        tracker.pushed("s0", 300, "14");

        assertThat(tracker.committed(100)).containsEntry("s0", "10");
        assertThat(tracker.committed(250)).containsEntry("s0", "13");
        assertThat(tracker.committed(Long.MAX_VALUE)).containsEntry("s0", "14");
    }

    @Test
    void aShardReadToItsEndIsFinishedOnceItsRecordsAreBelowTheFloor() {
        PositionTracker tracker = new PositionTracker(Map.of());
        tracker.pushed("s0", 100, "1");
        tracker.ended("s0");

        assertThat(tracker.committed(100)).doesNotContainKey("s0");
        assertThat(tracker.committed(101)).containsEntry("s0", PositionsCodec.SHARD_END);
    }

    @Test
    void shardsAreIndependent() {
        PositionTracker tracker = new PositionTracker(Map.of());
        tracker.pushed("s0", 100, "1");
        tracker.pushed("s1", 150, "7");

        assertThat(tracker.committed(120)).containsExactlyEntriesOf(Map.of("s0", "1"));
    }
}
