package io.sluice.agent.tail;

import io.sluice.agent.config.FlowConfig.InitialPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a flow's files have bytes not yet read, and from where, through rotations. Each {@link #refresh} lists the
 * pattern's files and compares them, by file key, with what it knew:
 * <ul>
 *   <li>a known key under another name was renamed (logrotate's default): it keeps its place and offset;</li>
 *   <li>a new key whose first bytes are those of a known file is a copy of it (copytruncate's copy): it is not read
 *       unless the original is truncated, and then only from where the original was left;</li>
 *   <li>any other new key is a new file (a rotation created it): read from its start;</li>
 *   <li>a known file smaller than what was read of it, or whose first bytes changed (truncated, even if written
 *       beyond its old size since), is read again from 0 after the unread part of its copy, if one matches;</li>
 *   <li>a key no longer listed was deleted or renamed out of the pattern.</li>
 * </ul>
 * Files with unread bytes are read oldest first (last-modified time, then path); a truncated file's turn goes to
 * the rest of its copy first. The first refresh places files by the flow's checkpoint or, without one, reads only
 * the newest file from the flow's initialPosition (see {@link FirstPlacement}).
 *
 * <p>Used by the flow's reader thread only.
 */
final class FileTracker {

    private static final Logger LOG = LoggerFactory.getLogger(FileTracker.class);

    private final String flowId;
    private final FileLister lister;
    private final InitialPosition initialPosition;
    private final Map<String, KnownFile> known = new LinkedHashMap<>();
    private final Deque<String> first = new ArrayDeque<>();
    private final Map<String, String> copies = new HashMap<>();
    private Set<String> listed = Set.of();
    private boolean initialized;

    FileTracker(String flowId, FileLister lister, InitialPosition initialPosition) {
        this.flowId = flowId;
        this.lister = lister;
        this.initialPosition = initialPosition;
    }

    /**
     * Lists the files again; the file being read ({@code currentKey}, may be null) is checked by its reader.
     *
     * @return at the first refresh without a checkpoint, the file reading starts with (null if none matches yet);
     *         otherwise null
     */
    KnownFile refresh(String currentKey, Optional<Checkpoint> checkpoint) throws IOException {
        List<FileSnapshot> listing = lister.list();
        Set<String> keys = new HashSet<>();
        listing.forEach(f -> keys.add(f.fileKey()));
        listed = keys;
        if (!initialized) {
            initialized = true;
            FirstPlacement placed = checkpoint.isPresent()
                    ? FirstPlacement.fromCheckpoint(flowId, lister, listing, checkpoint.get())
                    : FirstPlacement.withoutCheckpoint(flowId, listing, initialPosition);
            placed.files().forEach(k -> known.put(k.fileKey(), k));
            if (placed.resumed() != null) {
                first.add(placed.resumed().fileKey());
                return null;
            }
            return placed.startsWith();
        }
        List<KnownFile> changed = new ArrayList<>();
        for (FileSnapshot now : listing) {
            KnownFile k = known.get(now.fileKey());
            if (k == null) {
                discovered(now);
                continue;
            }
            FileSnapshot before = k.seen();
            k.seen(now);
            if ((before.size() != now.size() || before.modifiedMillis() != now.modifiedMillis())
                    && !now.fileKey().equals(currentKey)) {
                changed.add(k);
            }
        }
        // after the new files: a copy made just before a truncation is known when the truncation is seen
        for (KnownFile k : changed) {
            check(k);
        }
        for (Iterator<KnownFile> it = known.values().iterator(); it.hasNext(); ) {
            KnownFile k = it.next();
            // a file to read first was found by key out of the pattern (the checkpoint's): it stays until read
            boolean kept = k.fileKey().equals(currentKey) || first.contains(k.fileKey()) && k.pending();
            if (!keys.contains(k.fileKey()) && !kept) {
                if (k.pending()) {
                    LOG.warn("flow {}: {} left the file pattern (deleted or renamed) with {} bytes not read; they are"
                            + " lost", flowId, k.seen().path(), k.behind());
                }
                it.remove();
            }
        }
        first.removeIf(key -> !known.containsKey(key));
        copies.values().removeIf(key -> !known.containsKey(key));
        return null;
    }

    /**
     * The next file to read, other than {@code excludingKey}; null when none has unread bytes. Oldest first: a restart
     * takes the files older than its checkpoint's file as read. A truncated file's turn goes to the rest of its copy
     * first.
     */
    KnownFile next(String excludingKey) {
        for (Iterator<String> it = first.iterator(); it.hasNext(); ) {
            KnownFile k = known.get(it.next());
            if (k == null || !k.pending()) {
                it.remove();
            } else if (!k.fileKey().equals(excludingKey)) {
                return k;
            }
        }
        KnownFile oldest = known.values().stream()
                .filter(k -> k.pending() && !k.fileKey().equals(excludingKey))
                .min(Comparator.comparingLong((KnownFile k) -> k.seen().modifiedMillis())
                        .thenComparing(k -> k.seen().path()))
                .orElse(null);
        if (oldest != null) {
            KnownFile copy = known.get(copies.getOrDefault(oldest.fileKey(), ""));
            if (copy != null && copy.pending() && !copy.fileKey().equals(excludingKey)) {
                return copy;
            }
        }
        return oldest;
    }

    KnownFile known(String fileKey) {
        return known.get(fileKey);
    }

    /** Whether the last listing saw the key under the pattern. */
    boolean listed(String fileKey) {
        return listed.contains(fileKey);
    }

    /** The file was read up to {@code offset} and left. */
    void finished(String fileKey, long offset) {
        KnownFile k = known.get(fileKey);
        if (k != null) {
            k.consumed(offset);
        }
    }

    /**
     * The file was left at {@code offset} for an older one while it may still grow, last modified at
     * {@code modifiedMillis} as its reader saw: it comes after that older file.
     */
    void suspended(String fileKey, long offset, long modifiedMillis) {
        KnownFile k = known.get(fileKey);
        if (k != null) {
            k.consumed(offset);
            FileSnapshot seen = k.seen();
            if (seen.modifiedMillis() < modifiedMillis) {
                k.seen(new FileSnapshot(seen.fileKey(), seen.path(), seen.size(), modifiedMillis));
            }
        }
    }

    /**
     * The file was found truncated when {@code readTo} of it had been read (records before it returned) and its
     * first bytes were {@code before}: it is read again from 0, after the rest of its copy if one is listed.
     *
     * @return the copy, or null when none matches (the bytes written after {@code readTo} before the truncation are
     *         then lost)
     */
    KnownFile truncated(String fileKey, FileFingerprint before, long readTo) throws IOException {
        KnownFile copy = findCopy(before, readTo, fileKey);
        KnownFile k = known.get(fileKey);
        if (k != null) {
            k.consumed(0);
            k.fingerprint(FileProbe.fingerprint(k.seen()));
        }
        if (copy != null) {
            copy.copy(false);
            copy.consumed(readTo);
            copies.put(fileKey, copy.fileKey());
            LOG.info("flow {}: the file with key {} was truncated after {} bytes were read; reading the rest from its"
                    + " copy {}, then the file again from its start", flowId, fileKey, readTo, copy.seen().path());
        } else {
            LOG.warn("flow {}: the file with key {} was truncated (copytruncate?) after {} bytes were read and no copy"
                    + " of it matches the pattern: what was written to it after that and before the truncation is lost;"
                    + " reading it again from its start", flowId, fileKey, readTo);
        }
        return copy;
    }

    /**
     * Bytes listed and not yet read, in files other than {@code excludingKey}; the files with such bytes are added to
     * {@code byPath} (by path) while it holds fewer than {@code maxFiles}.
     */
    long behind(String excludingKey, Map<String, Long> byPath, int maxFiles) {
        long behind = 0;
        for (KnownFile k : known.values()) {
            if (!k.fileKey().equals(excludingKey) && k.behind() > 0) {
                behind += k.behind();
                if (byPath.size() < maxFiles || byPath.containsKey(k.seen().path().toString())) {
                    byPath.merge(k.seen().path().toString(), k.behind(), Long::sum);
                }
            }
        }
        return behind;
    }

    private void discovered(FileSnapshot f) throws IOException {
        KnownFile k = new KnownFile(f, 0, FileProbe.fingerprint(f));
        k.copy(isCopyOfKnown(f));
        known.put(f.fileKey(), k);
    }

    /** A known file changed (not the one being read): truncated, or a copy that was still being written. */
    private void check(KnownFile k) throws IOException {
        Optional<FileChannel> opened = FileLister.open(k.seen());
        if (opened.isEmpty()) {
            return;
        }
        try (FileChannel channel = opened.get()) {
            FileFingerprint before = k.fingerprint();
            if (channel.size() < k.consumed() || before != null && !before.matches(channel)) {
                truncated(k.fileKey(), before, k.consumed());
                return;
            }
            if (before == null || before.partial()) {
                k.fingerprint(FileFingerprint.of(channel));
            }
        }
        if (k.consumed() == 0 && !k.copy() && isCopyOfKnown(k.seen())) {
            k.copy(true);
        }
    }

    private KnownFile findCopy(FileFingerprint of, long minSize, String excludingKey) throws IOException {
        if (of == null || !of.identifying()) {
            return null;
        }
        KnownFile best = null;
        for (KnownFile k : known.values()) {
            if (!k.fileKey().equals(excludingKey) && k.seen().size() >= minSize && FileProbe.isCopyOf(k.seen(), of)
                    && (best == null || k.seen().modifiedMillis() > best.seen().modifiedMillis())) {
                best = k;
            }
        }
        return best;
    }

    private boolean isCopyOfKnown(FileSnapshot f) throws IOException {
        for (KnownFile k : known.values()) {
            if (k.copy() || k.fileKey().equals(f.fileKey())) {
                continue;
            }
            FileFingerprint of = k.fingerprint();
            if (of != null && of.partial() && k.seen().size() > of.length()) {
                of = extended(k);
            }
            if (FileProbe.isCopyOf(f, of)) {
                return true;
            }
        }
        return false;
    }

    /** A fingerprint taken when the file was shorter, taken again over the first bytes it has now. */
    private static FileFingerprint extended(KnownFile k) throws IOException {
        Optional<FileChannel> opened = FileLister.open(k.seen());
        if (opened.isEmpty()) {
            return k.fingerprint();
        }
        try (FileChannel channel = opened.get()) {
            if (k.fingerprint().matches(channel)) {
                k.fingerprint(FileFingerprint.of(channel));
            }
            return k.fingerprint();
        }
    }
}
