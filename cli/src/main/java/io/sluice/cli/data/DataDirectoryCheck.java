package io.sluice.cli.data;

import io.sluice.engine.MetadataCheck;
import io.sluice.analytics.app.ApplicationMetadataCheck;
import io.sluice.firehose.FirehoseMetadataCheck;
import io.sluice.storage.SegmentScanner;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code sluice data check}: verifies a data directory offline, without changing it. Reads the Kinesis and Firehose
 * metadata stores (snapshot and journal, through a copy), decodes every Kinesis entry ({@link MetadataCheck}: stream,
 * consumer, account and data-key entries, key-store references), scans every segment of every shard log and buffer
 * (framing, offsets, timestamps, CRCs, index entries), and matches the shard logs on disk against the streams'
 * metadata. Prints one line per problem, then a summary; {@link #run} answers the process exit code: 0 when clean,
 * 1 when a problem was found. Confined to the calling thread.
 */
final class DataDirectoryCheck {

    private final Path dataDir;
    private final Path masterKeyFile;
    private final Collection<String> kmsKeys;
    private final PrintWriter out;
    private final List<String> problems = new ArrayList<>();

    DataDirectoryCheck(Path dataDir, Path masterKeyFile, Collection<String> kmsKeys, PrintWriter out) {
        this.dataDir = dataDir;
        this.masterKeyFile = masterKeyFile;
        this.kmsKeys = kmsKeys;
        this.out = out;
    }

    int run() throws IOException {
        if (!Files.isDirectory(dataDir)) {
            problem("data directory " + dataDir + " does not exist");
            return finish("nothing checked");
        }
        Map<String, byte[]> kinesis = metadata(dataDir.resolve("meta"), "Kinesis");
        MetadataCheck.Report report = MetadataCheck.check(kinesis == null ? Map.of() : kinesis, dataDir,
                masterKeyFile, kmsKeys);
        report.problems().forEach(this::problem);
        TreeMap<String, LogScan.Log> logs = LogScan.scan(dataDir.resolve("logs"));
        logs.values().forEach(log -> log.problems().forEach(this::problem));
        if (kinesis != null) {
            matchShards(report, logs);
        }
        Map<String, byte[]> firehose = metadata(dataDir.resolve("firehose").resolve("meta"), "Firehose");
        FirehoseMetadataCheck.Report deliveryStreams = FirehoseMetadataCheck.check(
                firehose == null ? Map.of() : firehose);
        deliveryStreams.problems().forEach(this::problem);
        metadata(dataDir.resolve("firehose").resolve("keys"), "Firehose key");
        TreeMap<String, LogScan.Log> buffers = LogScan.scan(dataDir.resolve("firehose").resolve("buffers"));
        buffers.values().forEach(log -> log.problems().forEach(this::problem));
        Map<String, byte[]> analytics = metadata(dataDir.resolve("analytics").resolve("meta"), "Analytics");
        ApplicationMetadataCheck.Report applications = ApplicationMetadataCheck.check(
                analytics == null ? Map.of() : analytics);
        applications.problems().forEach(this::problem);
        return finish(String.format(
                "%d stream(s), %d consumer(s), %d data key(s), %s; %d delivery stream(s), %s; %d application(s)",
                report.streams(), report.consumers(), report.dataKeys(), describe(logs, "shard log"),
                deliveryStreams.deliveryStreams(), describe(buffers, "buffer"), applications.applications()));
    }

    private Map<String, byte[]> metadata(Path dir, String what) {
        try {
            MetadataCopy.Contents contents = MetadataCopy.read(dir);
            if (contents == null) {
                return null;
            }
            if (contents.bytesCut() > 0) {
                out.println("note: " + what + " metadata journal in " + dir + " ends with a torn record of "
                        + contents.bytesCut() + " bytes (a crash during a write); the next start cuts it");
            }
            return contents.entries();
        } catch (IOException | RuntimeException e) {
            problem(what + " metadata store " + dir + " cannot be read: " + e.getMessage());
            return null;
        }
    }

    private void matchShards(MetadataCheck.Report report, TreeMap<String, LogScan.Log> logs) {
        Map<String, MetadataCheck.ShardLogRef> referenced = new TreeMap<>();
        for (MetadataCheck.ShardLogRef shard : report.shardLogs()) {
            referenced.put(shard.logName(), shard);
            LogScan.Log log = logs.get(shard.logName());
            if (log == null) {
                if (!Files.isDirectory(dataDir.resolve("logs").resolve(shard.logName()))) {
                    problem("stream " + shard.stream() + ": shard log logs/" + shard.logName() + " is missing");
                }
                if (shard.sealedEnd() > 0) {
                    problem("stream " + shard.stream() + ": shard log logs/" + shard.logName() + " was sealed at"
                            + " offset " + shard.sealedEnd() + " but holds no segment");
                }
            } else if (shard.sealedEnd() > log.endOffset()) {
                problem("stream " + shard.stream() + ": shard log logs/" + shard.logName() + " was sealed at offset "
                        + shard.sealedEnd() + " but its entries end at " + log.endOffset());
            }
        }
        for (String name : logs.keySet()) {
            if (!referenced.containsKey(name)) {
                problem("logs/" + name + " belongs to no stream in the metadata");
            }
        }
    }

    private static String describe(Map<String, LogScan.Log> logs, String what) {
        long segments = 0;
        long entries = 0;
        long bytes = 0;
        for (LogScan.Log log : logs.values()) {
            for (SegmentScanner.Result segment : log.segments()) {
                segments++;
                entries += segment.entries();
                bytes += segment.bytes();
            }
        }
        return String.format("%d %s(s) in %d segment(s), %d record(s), %d bytes", logs.size(), what, segments,
                entries, bytes);
    }

    private void problem(String line) {
        problems.add(line);
        out.println("problem: " + line);
    }

    private int finish(String summary) {
        out.println("checked " + dataDir + ": " + summary);
        if (problems.isEmpty()) {
            out.println("clean");
            return 0;
        }
        out.println(problems.size() + " problem(s)");
        return 1;
    }
}
