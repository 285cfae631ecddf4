package io.sluice.agent.send;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.function.LongSupplier;

/**
 * One flow's counters, named after AWS's agent metrics (BytesSent, RecordSendAttempts, RecordSendErrors,
 * ServiceErrors) under {@code agent.*} and tagged with the flow's id and destination; on the Prometheus endpoint
 * they read {@code agent_bytes_sent_total{flow=...}} and so on. Thread-safe (Micrometer's meters are).
 */
public final class FlowMetrics {

    final Counter recordsParsed;
    final Counter bytesParsed;
    final Counter bytesSent;
    final Counter recordsSent;
    final Counter recordSendAttempts;
    final Counter recordSendErrors;
    final Counter serviceErrors;
    final Counter recordsDropped;
    private final LongSupplier recordsSkipped;

    public FlowMetrics(MeterRegistry registry, String flowId, String destination, LongSupplier bytesBehind) {
        this(registry, flowId, destination, bytesBehind, () -> 0);
    }

    /**
     * @param bytesBehind    bytes of the flow's files not yet read
     * @param recordsSkipped records a processing option could not convert, so far
     */
    public FlowMetrics(MeterRegistry registry, String flowId, String destination, LongSupplier bytesBehind,
                       LongSupplier recordsSkipped) {
        this.recordsSkipped = recordsSkipped;
        Tags tags = Tags.of("flow", flowId, "destination", destination);
        recordsParsed = registry.counter("agent.records.parsed", tags);
        bytesParsed = registry.counter("agent.bytes.parsed", tags);
        bytesSent = registry.counter("agent.bytes.sent", tags);
        recordsSent = registry.counter("agent.records.sent", tags);
        recordSendAttempts = registry.counter("agent.record.send.attempts", tags);
        recordSendErrors = registry.counter("agent.record.send.errors", tags);
        serviceErrors = registry.counter("agent.service.errors", tags);
        recordsDropped = registry.counter("agent.records.dropped", tags);
        Gauge.builder("agent.bytes.behind", bytesBehind::getAsLong).tags(tags)
                .description("bytes of the flow's files not yet read").register(registry);
        FunctionCounter.builder("agent.records.skipped", recordsSkipped, LongSupplier::getAsLong).tags(tags)
                .description("records a processing option could not convert").register(registry);
    }

    public long recordsSkipped() {
        return recordsSkipped.getAsLong();
    }

    /** Records read from the files and processed, and their bytes as sent. */
    public void parsed(int records, long bytes) {
        recordsParsed.increment(records);
        bytesParsed.increment(bytes);
    }

    public long recordsParsed() {
        return (long) recordsParsed.count();
    }

    public long bytesParsed() {
        return (long) bytesParsed.count();
    }

    public long recordsSent() {
        return (long) recordsSent.count();
    }

    public long bytesSent() {
        return (long) bytesSent.count();
    }

    public long recordSendAttempts() {
        return (long) recordSendAttempts.count();
    }

    public long recordSendErrors() {
        return (long) recordSendErrors.count();
    }

    public long serviceErrors() {
        return (long) serviceErrors.count();
    }

    public long recordsDropped() {
        return (long) recordsDropped.count();
    }
}
