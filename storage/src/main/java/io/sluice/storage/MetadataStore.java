package io.sluice.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small, crash-safe key-value store for stream metadata (streams, shards, consumers, tags, settings): a
 * {@link MetadataSnapshot} ({@code metadata.snapshot}) plus a {@link MetadataJournal} ({@code metadata.journal})
 * of the changes since, in one directory.
 *
 * <p>Every {@link #put} and {@link #delete} is appended to the journal and forced before it returns. When the
 * journal grows past the compaction threshold (1 MiB by default), the whole map is written as a new snapshot
 * (atomically) and the journal is emptied.
 *
 * <p><b>Recovery</b> (in the constructor): load the snapshot, replay the journal over it, cut the journal's torn
 * last record; a corrupt record before the last one stops the constructor with a message naming the file and
 * offset (the rule, and the way out, are in {@link MetadataJournal}). If a crash came between installing a new
 * snapshot and emptying the journal, the old journal is replayed over a snapshot that already contains it; that
 * is harmless because replaying puts and deletes in order over a later state gives that same state back. Every cut
 * is logged and reported to {@link StorageEvents#metadataJournalCut}.
 *
 * <p><b>Failures: fail-stop</b>, as for a shard log. If writing or forcing the journal, or writing the snapshot,
 * fails, that change fails and so does every later one (with the first failure as the cause), until the store is
 * opened again (restart): after a failed fsync the page cache cannot be trusted. Reads keep serving the map.
 *
 * <p><b>Threading</b>: thread-safe; every method takes one {@link ReentrantLock} (the store is small and changes
 * rarely; a lock rather than a monitor so that a virtual thread forcing the journal does not pin its carrier).
 */
public final class MetadataStore implements AutoCloseable {

    /** Journal size past which a snapshot is taken. */
    public static final long DEFAULT_COMPACTION_BYTES = 1 << 20;

    private static final String SNAPSHOT = "metadata.snapshot";
    private static final String JOURNAL = "metadata.journal";

    private final Path dir;
    private final long compactionBytes;
    private final EventReporter reporter;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<String, byte[]> map; // guarded by lock
    private final MetadataJournal journal; // guarded by lock
    private final long recoveredBytesCut;
    private boolean closed; // guarded by lock
    private IOException failure; // guarded by lock

    /** Creates the store in {@code dir} or recovers the one there. */
    public MetadataStore(Path dir) throws IOException {
        this(dir, DEFAULT_COMPACTION_BYTES);
    }

    /** As {@link #MetadataStore(Path)}, taking a snapshot whenever the journal exceeds {@code compactionBytes}. */
    public MetadataStore(Path dir, long compactionBytes) throws IOException {
        this(dir, compactionBytes, false, StorageEvents.NONE);
    }

    /**
     * As {@link #MetadataStore(Path, long)}; with {@code truncateCorrupt} a corrupt journal record is cut with
     * everything after it instead of stopping the start (see {@link MetadataJournal}); events go to {@code events}.
     */
    public MetadataStore(Path dir, long compactionBytes, boolean truncateCorrupt, StorageEvents events)
            throws IOException {
        this(dir, compactionBytes, truncateCorrupt, events, FileChannels.SYSTEM);
    }

    /** As above, opening the journal through {@code channels}. */
    public MetadataStore(Path dir, long compactionBytes, boolean truncateCorrupt, StorageEvents events,
                         FileChannels channels) throws IOException {
        if (compactionBytes <= 0) {
            throw new IllegalArgumentException("compactionBytes must be positive: " + compactionBytes);
        }
        this.dir = dir;
        this.compactionBytes = compactionBytes;
        this.reporter = new EventReporter(Objects.requireNonNull(events, "events"));
        Directories.create(dir, true);
        boolean fresh = !Files.exists(dir.resolve(JOURNAL));
        this.map = MetadataSnapshot.read(dir.resolve(SNAPSHOT));
        Path journalFile = dir.resolve(JOURNAL);
        this.journal = new MetadataJournal(journalFile, channels);
        try {
            MetadataJournal.Replayed replayed = journal.replay(map, truncateCorrupt);
            if (replayed.bytesCut() > 0) {
                reporter.metadataJournalCut(journalFile, replayed.position(), replayed.bytesCut(),
                        replayed.corrupt());
            }
            this.recoveredBytesCut = replayed.bytesCut();
            if (fresh) {
                Directories.fsync(dir);
            }
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** A copy of the current map, sorted by key. */
    public Map<String, byte[]> entries() {
        lock.lock();
        try {
            TreeMap<String, byte[]> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(k, v.clone()));
            return copy;
        } finally {
            lock.unlock();
        }
    }

    /** A copy of the value of {@code key}, or null if there is none. */
    public byte[] get(String key) {
        lock.lock();
        try {
            byte[] value = map.get(key);
            return value == null ? null : value.clone();
        } finally {
            lock.unlock();
        }
    }

    /** Sets {@code key} to a copy of {@code value}; durable when this returns. */
    public void put(String key, byte[] value) throws IOException {
        Objects.requireNonNull(key, "key");
        byte[] copy = value.clone();
        lock.lock();
        try {
            checkWritable();
            try {
                journal.put(key, copy);
                map.put(key, copy);
                compactIfDue();
            } catch (IOException | RuntimeException e) {
                throw recordFailure(e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code key}; durable when this returns. Removing an absent key does nothing. */
    public void delete(String key) throws IOException {
        lock.lock();
        try {
            checkWritable();
            if (!map.containsKey(key)) {
                return;
            }
            try {
                journal.delete(key);
                map.remove(key);
                compactIfDue();
            } catch (IOException | RuntimeException e) {
                throw recordFailure(e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of journal cut when the store was opened (0 if it was clean). */
    public long recoveredBytesCut() {
        return recoveredBytesCut;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                journal.close();
            } catch (IOException e) {
                // every change was forced when it was made; closing loses nothing
            }
        } finally {
            lock.unlock();
        }
    }

    private void compactIfDue() throws IOException {
        if (journal.size() > compactionBytes) {
            MetadataSnapshot.write(dir.resolve(SNAPSHOT), map);
            journal.reset();
        }
    }

    private void checkWritable() throws IOException {
        if (closed) {
            throw new IOException("metadata store is closed");
        }
        if (failure != null) {
            throw new IOException("metadata store " + dir + " failed earlier and takes no more changes; restart to"
                    + " recover it", failure);
        }
    }

    /** Fail-stops the store (see the class comment); caller holds the lock. */
    private IOException recordFailure(Exception e) {
        IOException io = e instanceof IOException x ? x : new IOException("unexpected failure in metadata store", e);
        failure = io;
        // a snapshot's own fsync failure surfaces from MetadataSnapshot.write as a plain IOException
        reporter.metadataFailed(dir, e instanceof MetadataJournal.ForceFailedException, io);
        return io;
    }
}
