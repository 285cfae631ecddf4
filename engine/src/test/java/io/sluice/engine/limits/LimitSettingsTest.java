package io.sluice.engine.limits;

import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitSettingsTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void theAwsProfileHasAwsNumbers() {
        LimitSettings aws = LimitSettings.aws();

        assertThat(aws.enabled()).isTrue();
        assertThat(aws.writeBytesPerSecond()).isEqualTo(MIB);
        assertThat(aws.writeRecordsPerSecond()).isEqualTo(1000);
        assertThat(aws.readBytesPerSecond()).isEqualTo(2 * MIB);
        assertThat(aws.readCallsPerSecond()).isEqualTo(5);
        assertThat(aws.maxGetRecordsBytes()).isEqualTo(10 * MIB);
        assertThat(aws.updateShardCountPerDay()).isEqualTo(10);
        assertThat(aws.controlPlaneRatesPerSecond()).hasSize(25).containsEntry("CreateStream", 5.0)
                .containsEntry("DescribeStream", 10.0).containsEntry("DescribeStreamSummary", 20.0)
                .containsEntry("ListShards", 1000.0).containsEntry("UpdateShardCount", 10.0)
                .containsEntry("GetShardIterator", 5.0).containsEntry("DescribeStreamConsumer", 20.0)
                .containsEntry("DescribeLimits", 1.0).containsEntry("ListTagsForStream", 5.0);
    }

    @Test
    void awsIsTheDefaultProfile() {
        assertThat(LimitSettings.parse(null, Map.of())).isEqualTo(LimitSettings.aws());
        assertThat(LimitSettings.parse(" AWS ", Map.of())).isEqualTo(LimitSettings.aws());
        assertThat(LimitSettings.parse("off", Map.of())).isEqualTo(LimitSettings.off());
        assertThat(LimitSettings.off().enabled()).isFalse();
    }

    @Test
    void parseAppliesOverridesToTheProfile() {
        LimitSettings custom = LimitSettings.parse("aws", Map.of("write-bytes-per-second", "2097152",
                "read-calls-per-second", "10", "update-shard-count-per-day", "3",
                "control-plane.CreateStream", "20", "control-plane.DescribeLimits", "0.5"));

        assertThat(custom.writeBytesPerSecond()).isEqualTo(2 * MIB);
        assertThat(custom.readCallsPerSecond()).isEqualTo(10);
        assertThat(custom.updateShardCountPerDay()).isEqualTo(3);
        assertThat(custom.controlPlaneRatesPerSecond()).containsEntry("CreateStream", 20.0)
                .containsEntry("DescribeLimits", 0.5).containsEntry("DeleteStream", 5.0);
        assertThat(custom.writeRecordsPerSecond()).isEqualTo(1000);
    }

    @Test
    void overriddenNumbersAreEnforced() {
        LimitSettings custom = LimitSettings.parse("aws", Map.of("control-plane.CreateStream", "20"));
        ControlPlaneLimiter limiter = new ControlPlaneLimiter(new ManualClock(0), custom);

        for (int i = 0; i < 20; i++) {
            limiter.acquire("CreateStream", "a");
        }
        assertThatThrownBy(() -> limiter.acquire("CreateStream", "a")).isInstanceOf(ServiceException.class);
    }

    @Test
    void overridesOnTheOffProfileLimitNothing() {
        LimitSettings off = LimitSettings.parse("off", Map.of("control-plane.CreateStream", "1"));

        assertThat(off.enabled()).isFalse();
        assertThat(off.controlPlaneRatesPerSecond()).containsEntry("CreateStream", 1.0);
    }

    @Test
    void parseRejectsUnknownKeysNamingThemAll() {
        assertThatThrownBy(() -> LimitSettings.parse("aws", Map.of("write-bites-per-second", "1",
                "control-plane.PutRecord", "1", "control-plane.CreateStream", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'write-bites-per-second'")
                .hasMessageContaining("'control-plane.PutRecord'")
                .hasMessageNotContaining("'control-plane.CreateStream'");
    }

    @Test
    void parseRejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> LimitSettings.parse("aws", Map.of("write-bytes-per-second", "lots",
                "read-calls-per-second", "0", "max-get-records-bytes", "-1", "read-bytes-per-second", "1.5",
                "control-plane.CreateStream", "NaN", "control-plane.DeleteStream", "-2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'write-bytes-per-second'").hasMessageContaining("'lots'")
                .hasMessageContaining("'read-calls-per-second'")
                .hasMessageContaining("'max-get-records-bytes'")
                .hasMessageContaining("'read-bytes-per-second'")
                .hasMessageContaining("'control-plane.CreateStream'")
                .hasMessageContaining("'control-plane.DeleteStream'");
        assertThatThrownBy(() -> LimitSettings.parse("aws", Map.of("read-calls-per-second", "3000000000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'read-calls-per-second'");
    }

    @Test
    void parseRejectsAnUnknownProfile() {
        assertThatThrownBy(() -> LimitSettings.parse("gcp", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gcp'");
    }

    @Test
    void settingsRejectNonPositiveNumbers() {
        LimitSettings aws = LimitSettings.aws();

        assertThatThrownBy(() -> new LimitSettings(true, 0, 1, 1, 1, 1, Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LimitSettings(true, 1, 1, 1, 1, 1, Map.of("CreateStream", 0.0), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CreateStream");
        assertThat(aws.controlPlaneRatesPerSecond()).isUnmodifiable();
    }
}
