package io.sluice.agent.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A flow's bytes behind per file, as the gauge {@code agent.file.bytes.behind} tagged with the flow, its destination
 * and the file's path (on the Prometheus endpoint {@code agent_file_bytes_behind{file="/var/log/app.log",...}}):
 * {@link #update} adds a gauge for each file the source names and removes the gauges of files it no longer names
 * (read to their end and left, or gone), so the label values stay bounded by what the source reports (a few dozen
 * files at most). Each gauge reads the source's newest figures when scraped.
 *
 * <p>{@link #update} from one thread at a time (the agent's scheduler); the gauges are read from any.
 */
final class FileBacklogGauges {

    private final MeterRegistry registry;
    private final Tags flowTags;
    private final Supplier<Map<String, Long>> files;
    private final Map<String, Gauge> gauges = new HashMap<>();

    FileBacklogGauges(MeterRegistry registry, String flowId, String destination,
                      Supplier<Map<String, Long>> files) {
        this.registry = registry;
        this.flowTags = Tags.of("flow", flowId, "destination", destination);
        this.files = files;
    }

    /** Brings the gauges in line with the files the source names now. */
    void update() {
        Map<String, Long> now = files.get();
        gauges.entrySet().removeIf(gauge -> {
            boolean gone = !now.containsKey(gauge.getKey());
            if (gone) {
                registry.remove(gauge.getValue());
            }
            return gone;
        });
        for (String path : now.keySet()) {
            gauges.computeIfAbsent(path, p -> Gauge.builder("agent.file.bytes.behind",
                            () -> files.get().getOrDefault(p, 0L))
                    .tags(flowTags.and("file", p))
                    .description("bytes of the file not yet read")
                    .register(registry));
        }
    }
}
