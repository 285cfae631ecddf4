package io.sluice.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FileBacklogGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<Map<String, Long>> files = new AtomicReference<>(Map.of());
    private final FileBacklogGauges gauges = new FileBacklogGauges(registry, "f", "logs", files::get);

    @Test
    void eachFileTheSourceNamesHasAGaugeWithItsNewestFigure() {
        files.set(Map.of("/var/log/app.log", 10L, "/var/log/app.log.1", 300L));
        gauges.update();

        assertThat(behind("/var/log/app.log")).isEqualTo(10);
        assertThat(behind("/var/log/app.log.1")).isEqualTo(300);
        files.set(Map.of("/var/log/app.log", 25L, "/var/log/app.log.1", 0L));
        assertThat(behind("/var/log/app.log")).as("read when scraped, without an update").isEqualTo(25);
        assertThat(registry.get("agent.file.bytes.behind").tag("file", "/var/log/app.log").gauge().getId()
                .getTag("flow")).isEqualTo("f");
    }

    @Test
    void aFileTheSourceNoLongerNamesLosesItsGauge() {
        files.set(Map.of("/var/log/app.log", 10L, "/var/log/app.log.1", 300L));
        gauges.update();
        files.set(Map.of("/var/log/app.log", 0L));

        gauges.update();

        assertThat(registry.find("agent.file.bytes.behind").gauges()).extracting(g -> g.getId().getTag("file"))
                .containsExactly("/var/log/app.log");
    }

    private double behind(String file) {
        Gauge gauge = registry.get("agent.file.bytes.behind").tag("file", file).gauge();
        return gauge.value();
    }
}
