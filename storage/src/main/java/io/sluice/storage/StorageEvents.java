package io.sluice.storage;

import java.nio.file.Path;

/**
 * What storage reports about itself: recovery actions, failures and back-pressure. The stores log each event (see
 * {@link EventReporter}) and then tell this listener, which typically binds them to metrics. Every method has an
 * empty default, so a listener implements only what it counts.
 *
 * <p><b>Threading.</b> Called from any storage thread (the committer, a forcing thread, a caller of
 * {@link LogStore#append}, the thread opening a store): implementations must be thread-safe, quick, and must not
 * call back into storage. An exception thrown by a listener is logged and otherwise ignored.
 */
public interface StorageEvents {

    /** A listener that ignores everything. */
    StorageEvents NONE = new StorageEvents() {
    };

    /**
     * Recovery cut {@code bytes} from {@code file} of log {@code log} at {@code position} (the new end of the file,
     * or 0 when the whole file was removed), for {@code reason}.
     */
    default void recoveryCut(String log, Path file, long position, long bytes, String reason) {
    }

    /**
     * Log {@code log} failed and stopped taking appends; {@code fsync} says whether forcing it to the device is what
     * failed. Every later append to it fails with {@code cause}; the log must be reopened (restart) to recover.
     */
    default void logFailed(String log, boolean fsync, Throwable cause) {
    }

    /** The metadata store in {@code dir} failed (journal or snapshot) and stopped taking changes. */
    default void metadataFailed(Path dir, boolean fsync, Throwable cause) {
    }

    /**
     * Opening the metadata store cut {@code bytes} from its journal at {@code position}: a torn last record, or, with
     * {@code corrupt}, records after a corrupt one (only when the operator asked for it).
     */
    default void metadataJournalCut(Path file, long position, long bytes, boolean corrupt) {
    }

    /** An append was refused because {@code queuedBytes} were waiting for the disk, over the configured cap. */
    default void appendRejected(long queuedBytes, long maxQueuedBytes) {
    }
}
