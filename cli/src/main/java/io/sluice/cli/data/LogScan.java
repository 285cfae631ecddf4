package io.sluice.cli.data;

import io.sluice.storage.SegmentScanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Scans every shard log under a log root ({@code logs/} or {@code firehose/buffers/}): each segment on its own
 * ({@link SegmentScanner}), and the segments of a log together, which must follow each other without a gap.
 * Stateless.
 */
final class LogScan {

    /** One log directory: its name relative to the root, where its entries end, and its segments. */
    record Log(String name, long endOffset, List<SegmentScanner.Result> segments, List<String> problems) {
    }

    private LogScan() {
    }

    /** Every directory under {@code root} that holds segment files, by name relative to the root. */
    static TreeMap<String, Log> scan(Path root) throws IOException {
        TreeMap<String, Log> logs = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return logs;
        }
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(root)) {
            dirs = walk.filter(Files::isDirectory).filter(LogScan::holdsSegments).sorted().toList();
        }
        for (Path dir : dirs) {
            String name = root.relativize(dir).toString().replace('\\', '/');
            logs.put(name, scanLog(dir, name));
        }
        return logs;
    }

    private static boolean holdsSegments(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(SegmentScanner::isSegmentFile);
        } catch (IOException e) {
            return true; // scanned, so that the error is reported
        }
    }

    private static Log scanLog(Path dir, String name) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(SegmentScanner::isSegmentFile).sorted().toList();
        }
        List<SegmentScanner.Result> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long end = -1;
        for (Path file : files) {
            SegmentScanner.Result result = SegmentScanner.scan(file, entry -> { });
            if (end >= 0 && result.baseOffset() != end) {
                problems.add(file + ": segment starts at offset " + result.baseOffset() + " but the previous one"
                        + " ends at " + end + (result.baseOffset() > end ? " (a gap: recovery cuts the log there)"
                        : " (they overlap)"));
            }
            result.problems().forEach(problem -> problems.add(problem.toString()));
            segments.add(result);
            end = result.nextOffset();
        }
        return new Log(name, Math.max(end, 0), segments, problems);
    }
}
