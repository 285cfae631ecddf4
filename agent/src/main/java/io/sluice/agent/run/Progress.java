package io.sluice.agent.run;

import io.sluice.agent.send.FlowMetrics;
import io.sluice.common.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress lines logged every {@code log.progressInterval}, in the spirit of AWS's agent: one line for the
 * agent ("Agent: Progress: N records parsed (B bytes), S skipped, and M records sent successfully to destinations.
 * Uptime: T ms"), and one per flow whose files are not read to their end ("Tailer is X MB (B bytes) behind"). Called by the
 * agent's one scheduler thread.
 */
final class Progress implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    /** One flow as the progress line sees it. */
    record Flow(String id, FlowMetrics metrics, LongSupplier bytesBehind) {
    }

    private final List<Flow> flows;
    private final Clock clock;
    private final long startedAt;

    Progress(List<Flow> flows, Clock clock) {
        this.flows = List.copyOf(flows);
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    @Override
    public void run() {
        for (String line : lines()) {
            LOG.info(line);
        }
    }

    List<String> lines() {
        long parsed = 0;
        long parsedBytes = 0;
        long sent = 0;
        long skipped = 0;
        for (Flow flow : flows) {
            skipped += flow.metrics().recordsSkipped();
            parsed += flow.metrics().recordsParsed();
            parsedBytes += flow.metrics().bytesParsed();
            sent += flow.metrics().recordsSent();
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Agent: Progress: %d records parsed (%d bytes), %d skipped, and %d "
                + "records sent successfully to destinations. Uptime: %d ms", parsed, parsedBytes, skipped, sent,
                clock.millis() - startedAt));
        for (Flow flow : flows) {
            long behind = flow.bytesBehind().getAsLong();
            if (behind > 0) {
                lines.add(String.format(Locale.ROOT, "Flow %s: Tailer is %.2f MB (%d bytes) behind.", flow.id(),
                        behind / 1048576.0, behind));
            }
        }
        return lines;
    }
}
