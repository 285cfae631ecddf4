package io.sluice.mappings.poll;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollerSettingsTest {

    @Test
    void theBackOffDoublesFromItsBaseUpToItsCap() {
        PollerSettings settings = new PollerSettings(100, 1_000, "role");

        assertThat(settings.backoffMillis(1)).isEqualTo(100);
        assertThat(settings.backoffMillis(2)).isEqualTo(200);
        assertThat(settings.backoffMillis(4)).isEqualTo(800);
        assertThat(settings.backoffMillis(5)).isEqualTo(1_000);
        assertThat(settings.backoffMillis(10_000)).isEqualTo(1_000);
    }

    @Test
    void theIdentityNamesTheMappingsAccountAndTheRole() {
        assertThat(PollerSettings.defaults().invokeIdentityArn("123456789012"))
                .isEqualTo("arn:aws:iam::123456789012:role/lambda-execution-role");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new PollerSettings(0, 10, "r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PollerSettings(10, 5, "r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PollerSettings(10, 50, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
