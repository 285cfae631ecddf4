package io.sluice.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 * tail. If a crash came between installing a new snapshot and emptying the journal, the old journal is replayed
 * over a snapshot that already contains it; that is harmless because replaying puts and deletes in order over a
 * later state gives that same state back.
 *
 * <p><b>Threading</b>: thread-safe; every method is synchronized (the store is small and changes rarely).
 */
public final class MetadataStore implements AutoCloseable {

    /** Journal size past which a snapshot is taken. */
    public static final long DEFAULT_COMPACTION_BYTES = 1 << 20;

    private static final String SNAPSHOT = "metadata.snapshot";
    private static final String JOURNAL = "metadata.journal";

    private final Path dir;
    private final long compactionBytes;
    private final TreeMap<String, byte[]> map;
    private final MetadataJournal journal;
    private final long recoveredBytesCut;
    private boolean closed;

    /** Creates the store in {@code dir} or recovers the one there. */
    public MetadataStore(Path dir) throws IOException {
        this(dir, DEFAULT_COMPACTION_BYTES);
    }

    /** As {@link #MetadataStore(Path)}, taking a snapshot whenever the journal exceeds {@code compactionBytes}. */
    public MetadataStore(Path dir, long compactionBytes) throws IOException {
        if (compactionBytes <= 0) {
            throw new IllegalArgumentException("compactionBytes must be positive: " + compactionBytes);
        }
        this.dir = dir;
        this.compactionBytes = compactionBytes;
        Directories.create(dir, true);
        boolean fresh = !Files.exists(dir.resolve(JOURNAL));
        this.map = MetadataSnapshot.read(dir.resolve(SNAPSHOT));
        this.journal = new MetadataJournal(dir.resolve(JOURNAL));
        try {
            this.recoveredBytesCut = journal.replay(map);
            if (fresh) {
                Directories.fsync(dir);
            }
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** A copy of the current map, sorted by key. */
    public synchronized Map<String, byte[]> entries() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** A copy of the value of {@code key}, or null if there is none. */
    public synchronized byte[] get(String key) {
        byte[] value = map.get(key);
        return value == null ? null : value.clone();
    }

    /** Sets {@code key} to a copy of {@code value}; durable when this returns. */
    public synchronized void put(String key, byte[] value) throws IOException {
        Objects.requireNonNull(key, "key");
        byte[] copy = value.clone();
        ensureOpen();
        journal.put(key, copy);
        map.put(key, copy);
        compactIfDue();
    }

    /** Removes {@code key}; durable when this returns. Removing an absent key does nothing. */
    public synchronized void delete(String key) throws IOException {
        ensureOpen();
        if (!map.containsKey(key)) {
            return;
        }
        journal.delete(key);
        map.remove(key);
        compactIfDue();
    }

    /** Bytes of torn journal tail cut when the store was opened (0 if it was clean). */
    public long recoveredBytesCut() {
        return recoveredBytesCut;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            journal.close();
        } catch (IOException e) {
            // every change was forced when it was made; closing loses nothing
        }
    }

    private void compactIfDue() throws IOException {
        if (journal.size() > compactionBytes) {
            MetadataSnapshot.write(dir.resolve(SNAPSHOT), map);
            journal.reset();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("metadata store is closed");
        }
    }
}
