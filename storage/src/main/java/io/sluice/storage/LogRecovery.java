package io.sluice.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the segments of one log directory and makes them one gapless, checked sequence of entries.
 *
 * <p>Each segment is recovered by the rule in {@link Segment}. Across segments the same rule continues: the log
 * ends at the first entry that does not check out. So when a segment had to be cut, or a segment's base offset
 * is not the offset after the previous segment's last entry, that segment (or its cut part) and every later
 * segment are removed, and their bytes count in {@link Result#bytesCut()}. An index file without its log file
 * (a deletion interrupted by a crash) is removed. A directory without segments gets an empty segment at offset 0.
 * Every cut is logged (file, position, bytes, why) and reported to {@link StorageEvents#recoveryCut}.
 *
 * <p>Used by the thread opening a log, before the log is shared.
 */
final class LogRecovery {

    private static final Pattern SEGMENT_FILE = Pattern.compile("(\\d{20})(\\.log|\\.index)");

    record Result(List<Segment> segments, long bytesCut) {
    }

    private LogRecovery() {
    }

    static Result recover(String name, Path dir, LogConfig config, FileChannels channels, EventReporter reporter)
            throws IOException {
        TreeSet<Long> logs = new TreeSet<>();
        List<Path> indexes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Matcher m = SEGMENT_FILE.matcher(file.getFileName().toString());
                if (m.matches() && m.group(2).equals(Segment.LOG_SUFFIX)) {
                    logs.add(Long.parseLong(m.group(1)));
                } else if (m.matches()) {
                    indexes.add(file);
                }
            }
        }
        for (Path index : indexes) {
            String file = index.getFileName().toString();
            if (!logs.contains(Long.parseLong(file.substring(0, 20)))) {
                Files.delete(index);
            }
        }

        List<Segment> segments = new ArrayList<>();
        long bytesCut = 0;
        boolean cutRest = false;
        boolean filesChanged = false;
        try {
            for (long base : logs) {
                Path log = dir.resolve(Segment.fileName(base, Segment.LOG_SUFFIX));
                if (!cutRest && (segments.isEmpty() || segments.getLast().nextOffset() == base)) {
                    Segment segment = Segment.open(dir, base, config, channels);
                    segments.add(segment);
                    long before = Files.size(log);
                    long cut = segment.recover();
                    if (cut > 0) {
                        reporter.recoveryCut(name, log, before - cut, cut,
                                "torn or corrupt entry (bad length, offset, timestamp or CRC) and everything after it");
                    }
                    bytesCut += cut;
                    cutRest = cut > 0;
                } else {
                    long size = Files.size(log);
                    reporter.recoveryCut(name, log, 0, size, cutRest
                            ? "segment after a cut: the log ends at the first entry that does not check out"
                            : "segment does not start at offset " + segments.getLast().nextOffset()
                                    + " where the previous one ends");
                    cutRest = true;
                    bytesCut += size;
                    Files.delete(log);
                    Files.deleteIfExists(dir.resolve(Segment.fileName(base, Segment.INDEX_SUFFIX)));
                    filesChanged = true;
                }
            }
            if (segments.isEmpty()) {
                segments.add(Segment.create(dir, 0, config, channels));
                filesChanged = true;
            }
        } catch (IOException | RuntimeException e) {
            for (Segment segment : segments) {
                try {
                    segment.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        if (config.fsync() && filesChanged) {
            Directories.fsync(dir);
        }
        return new Result(segments, bytesCut);
    }
}
