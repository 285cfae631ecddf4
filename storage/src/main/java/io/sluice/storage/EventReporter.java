package io.sluice.storage;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each storage event, then passes it to the {@link StorageEvents} listener (whose exceptions are logged and
 * dropped: a metrics bug must not fail a write). Back-pressure refusals are logged at most once a second, with
 * the count since the last line, because under overload they come by the thousand. Thread-safe.
 */
final class EventReporter {

    private static final Logger LOG = LoggerFactory.getLogger("io.sluice.storage");
    private static final long REJECTION_LOG_INTERVAL_NANOS = 1_000_000_000L;

    static final EventReporter NONE = new EventReporter(StorageEvents.NONE);

    private final StorageEvents events;
    private final AtomicLong rejectionsSinceLog = new AtomicLong();
    private final AtomicLong lastRejectionLog = new AtomicLong(System.nanoTime() - REJECTION_LOG_INTERVAL_NANOS);

    EventReporter(StorageEvents events) {
        this.events = events;
    }

    void recoveryCut(String log, Path file, long position, long bytes, String reason) {
        LOG.warn("recovery of log {} cut {} bytes from {} at position {}: {}", log, bytes, file, position, reason);
        notify(() -> events.recoveryCut(log, file, position, bytes, reason));
    }

    void logFailed(String log, boolean fsync, Throwable cause) {
        LOG.error("log {} failed ({}) and takes no more appends until it is reopened (restart the server)", log,
                fsync ? "fsync" : "write", cause);
        notify(() -> events.logFailed(log, fsync, cause));
    }

    void metadataFailed(Path dir, boolean fsync, Throwable cause) {
        LOG.error("metadata store {} failed ({}) and takes no more changes until it is reopened (restart the server)",
                dir, fsync ? "fsync" : "write", cause);
        notify(() -> events.metadataFailed(dir, fsync, cause));
    }

    void metadataJournalCut(Path file, long position, long bytes, boolean corrupt) {
        if (corrupt) {
            LOG.error("metadata journal {} is corrupt at offset {}: dropped the {} bytes from there on, as "
                    + "storage.metadata.truncate-corrupt asked", file, position, bytes);
        } else {
            LOG.warn("metadata journal {}: cut a torn last record of {} bytes at offset {}", file, bytes, position);
        }
        notify(() -> events.metadataJournalCut(file, position, bytes, corrupt));
    }

    void appendRejected(long queuedBytes, long maxQueuedBytes) {
        long count = rejectionsSinceLog.incrementAndGet();
        long last = lastRejectionLog.get();
        long now = System.nanoTime();
        if (now - last >= REJECTION_LOG_INTERVAL_NANOS && lastRejectionLog.compareAndSet(last, now)) {
            rejectionsSinceLog.addAndGet(-count);
            LOG.warn("back-pressure: refused {} appends; {} bytes wait for the disk (limit {})", count, queuedBytes,
                    maxQueuedBytes);
        }
        notify(() -> events.appendRejected(queuedBytes, maxQueuedBytes));
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("storage event listener failed", e);
        }
    }
}
