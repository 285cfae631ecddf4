package io.sluice.agent.tail;

import io.sluice.agent.config.FlowConfig.InitialPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a flow's files are read from at its first listing, by its checkpoint or, without one, by its
 * initialPosition. A value made once, at the first listing; its files then belong to the tracker's reader thread.
 *
 * @param files      every file placed, with where reading it starts
 * @param resumed    the file the checkpoint names (or its copy), read first; null without checkpoint or when gone
 * @param startsWith without checkpoint, the file reading starts with (the newest); null otherwise
 */
record FirstPlacement(List<KnownFile> files, KnownFile resumed, KnownFile startsWith) {

    private static final Logger LOG = LoggerFactory.getLogger(FirstPlacement.class);

    /** At the first start: only the newest file is read, from the flow's initialPosition; older ones are archives. */
    static FirstPlacement withoutCheckpoint(String flowId, List<FileSnapshot> listing, InitialPosition initialPosition)
            throws IOException {
        List<KnownFile> files = new ArrayList<>();
        KnownFile startsWith = null;
        FileSnapshot newest = listing.stream().max(Comparator.comparingLong(FileSnapshot::modifiedMillis)
                .thenComparing(FileSnapshot::path)).orElse(null);
        for (FileSnapshot f : listing) {
            long from = f == newest && initialPosition == InitialPosition.START_OF_FILE ? 0 : f.size();
            KnownFile k = new KnownFile(f, from, FileProbe.fingerprint(f));
            files.add(k);
            if (f == newest) {
                startsWith = k;
            }
        }
        if (newest == null) {
            return new FirstPlacement(files, null, null);
        }
        LOG.info("flow {}: no checkpoint; tailing {} from its {}", flowId, newest.path(),
                initialPosition == InitialPosition.START_OF_FILE ? "start" : "end");
        return new FirstPlacement(files, null, startsWith);
    }

    /**
     * Places files by the checkpoint: its file (by key, under any name, even out of the pattern) resumes at the
     * checkpoint's offset if it still starts with the same bytes and is long enough; otherwise (truncated or its
     * inode reused while the agent was down) a listed copy of it resumes there. Files modified since the checkpoint's
     * file was read were written after it: they are read from their start; older ones are not read.
     */
    static FirstPlacement fromCheckpoint(String flowId, FileLister lister, List<FileSnapshot> listing, Checkpoint cp)
            throws IOException {
        FileSnapshot target = listing.stream().filter(f -> f.fileKey().equals(cp.fileKey())).findFirst()
                .or(() -> find(flowId, lister, cp.fileKey())).orElse(null);
        KnownFile resumed = target == null ? null : resumable(flowId, target, cp);
        if (resumed == null) {
            resumed = listing.stream().filter(f -> !f.fileKey().equals(cp.fileKey()))
                    .sorted(Comparator.comparingLong(FileSnapshot::modifiedMillis).reversed())
                    .map(f -> resumable(flowId, f, cp)).filter(Objects::nonNull).findFirst().orElse(null);
            if (resumed == null) {
                LOG.warn("flow {}: the checkpoint's file {} (key {}) is gone or was truncated while the agent was"
                        + " down and no copy of it matches the pattern: its bytes after offset {} are lost", flowId,
                        cp.path(), cp.fileKey(), cp.offset());
            } else {
                LOG.info("flow {}: the checkpoint's file {} was truncated while the agent was down; resuming from its"
                        + " copy {} at offset {}", flowId, cp.path(), resumed.seen().path(), cp.offset());
            }
        } else {
            LOG.info("flow {}: resuming {} at offset {}", flowId, resumed.seen().path(), cp.offset());
        }
        List<KnownFile> files = new ArrayList<>();
        if (resumed != null) {
            files.add(resumed);
        }
        for (FileSnapshot f : listing) {
            if (resumed != null && resumed.fileKey().equals(f.fileKey())) {
                continue;
            }
            FileFingerprint fingerprint = FileProbe.fingerprint(f);
            boolean copy = !f.fileKey().equals(cp.fileKey()) && FileProbe.isCopyOf(f, cp.fingerprint());
            boolean newer = f.modifiedMillis() >= cp.modifiedMillis() && !copy;
            KnownFile k = new KnownFile(f, newer ? 0 : f.size(), fingerprint);
            k.copy(copy);
            files.add(k);
        }
        return new FirstPlacement(files, resumed, null);
    }

    /** The file as the checkpoint's, resuming at its offset, if it starts with the checkpoint's first bytes. */
    private static KnownFile resumable(String flowId, FileSnapshot f, Checkpoint cp) {
        try {
            Optional<FileChannel> opened = FileLister.open(f);
            if (opened.isEmpty()) {
                return null;
            }
            try (FileChannel channel = opened.get()) {
                boolean same = f.fileKey().equals(cp.fileKey()) || cp.fingerprint().identifying();
                if (same && channel.size() >= cp.offset() && cp.fingerprint().matches(channel)) {
                    return new KnownFile(f, cp.offset(), FileFingerprint.of(channel));
                }
                return null;
            }
        } catch (IOException e) {
            LOG.warn("flow {}: cannot read {}: {}", flowId, f.path(), e.toString());
            return null;
        }
    }

    private static Optional<FileSnapshot> find(String flowId, FileLister lister, String fileKey) {
        try {
            return lister.find(fileKey);
        } catch (IOException e) {
            LOG.warn("flow {}: cannot look for the checkpoint's file: {}", flowId, e.toString());
            return Optional.empty();
        }
    }
}
