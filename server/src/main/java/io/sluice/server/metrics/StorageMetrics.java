package io.sluice.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.storage.LogStore;
import io.sluice.storage.StorageEvents;

import java.nio.file.Path;

/**
 * Storage's events as Micrometer meters: recovery cuts, failed (fail-stopped) logs and metadata stores, metadata
 * journal cuts, back-pressure refusals, and the bytes waiting for the disk. Pass it to the {@link LogStore} and
 * {@code MetadataStore} constructors, then {@link #bindQueue} the log store. Meters carry no log names (a data
 * directory holds thousands of logs); the storage log lines name them. Thread-safe: Micrometer meters are.
 *
 * <table>
 *   <caption>meters (Prometheus turns dots into underscores and adds {@code _total} to counters)</caption>
 *   <tr><td>{@code sluice.storage.recovery.cuts}, {@code sluice.storage.recovery.bytes.cut}</td>
 *       <td>segments cut or removed by recovery at open, and their bytes</td></tr>
 *   <tr><td>{@code sluice.storage.log.failures} (tag {@code op}: fsync|write)</td>
 *       <td>shard logs that failed and stopped taking appends</td></tr>
 *   <tr><td>{@code sluice.storage.metadata.failures} (tag {@code op})</td><td>the same for the metadata store</td></tr>
 *   <tr><td>{@code sluice.storage.metadata.journal.cuts} (tag {@code kind}: torn|corrupt)</td>
 *       <td>metadata journal cuts at open</td></tr>
 *   <tr><td>{@code sluice.storage.appends.rejected}</td><td>appends refused by back-pressure</td></tr>
 *   <tr><td>{@code sluice.storage.commit.queued.bytes} (gauge)</td>
 *       <td>bytes accepted and not yet acknowledged (back-pressure starts at the configured cap)</td></tr>
 * </table>
 */
public final class StorageMetrics implements StorageEvents {

    private final MeterRegistry registry;
    private final Counter recoveryCuts;
    private final Counter recoveryBytesCut;
    private final Counter appendsRejected;

    public StorageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.recoveryCuts = Counter.builder("sluice.storage.recovery.cuts").register(registry);
        this.recoveryBytesCut = Counter.builder("sluice.storage.recovery.bytes.cut").baseUnit("bytes")
                .register(registry);
        this.appendsRejected = Counter.builder("sluice.storage.appends.rejected").register(registry);
    }

    /** Publishes the store's queued bytes as a gauge (held weakly: it goes when the store does). */
    public void bindQueue(LogStore store) {
        Gauge.builder("sluice.storage.commit.queued.bytes", store, LogStore::queuedBytes).baseUnit("bytes")
                .register(registry);
    }

    @Override
    public void recoveryCut(String log, Path file, long position, long bytes, String reason) {
        recoveryCuts.increment();
        recoveryBytesCut.increment(bytes);
    }

    @Override
    public void logFailed(String log, boolean fsync, Throwable cause) {
        Counter.builder("sluice.storage.log.failures").tag("op", fsync ? "fsync" : "write").register(registry)
                .increment();
    }

    @Override
    public void metadataFailed(Path dir, boolean fsync, Throwable cause) {
        Counter.builder("sluice.storage.metadata.failures").tag("op", fsync ? "fsync" : "write").register(registry)
                .increment();
    }

    @Override
    public void metadataJournalCut(Path file, long position, long bytes, boolean corrupt) {
        Counter.builder("sluice.storage.metadata.journal.cuts").tag("kind", corrupt ? "corrupt" : "torn")
                .register(registry).increment();
    }

    @Override
    public void appendRejected(long queuedBytes, long maxQueuedBytes) {
        appendsRejected.increment();
    }
}
