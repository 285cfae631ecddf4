package io.sluice.cli.data;

import io.sluice.engine.MetadataCheck;
import io.sluice.storage.SegmentScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code sluice data}: offline tools for a data directory. Commands hold only their parsed options. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Offline tools for a data directory (run them while no server uses it).",
        subcommands = {DataCommand.Check.class, DataCommand.Dump.class})
public final class DataCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "The data directory (default: ./data).")
    Path dataDir = Path.of("data");

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Verify a data directory: segment CRCs and framing, indexes, metadata snapshot and journal,"
                    + " stream metadata, shard logs against metadata, key store references. Prints one line per"
                    + " problem and a summary; exit code 0 when clean, 1 when a problem was found.")
    static final class Check implements Callable<Integer> {

        @ParentCommand
        DataCommand parent;

        @Option(names = "--data-dir", description = "The data directory (default: ./data).")
        Path dataDir;

        @Option(names = "--master-key-file", description = "The server's master key file, if it is not the one"
                + " in the data directory.")
        Path masterKeyFile;

        @Option(names = "--kms-key", description = "A KMS key id the server declares (repeatable).")
        List<String> kmsKeys = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            Path dir = dataDir != null ? dataDir : parent.dataDir;
            return new DataDirectoryCheck(dir, masterKeyFile, kmsKeys, parent.out()).run();
        }
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Print a log's entries (offset, position, timestamp, flags, sizes, partition key, CRC):"
                    + " one segment file, or the shard logs of a stream.")
    static final class Dump implements Callable<Integer> {

        @ParentCommand
        DataCommand parent;

        @Option(names = "--data-dir", description = "The data directory (default: ./data).")
        Path dataDir;

        @Option(names = "--segment", description = "A segment file (<offset>.log) to dump.")
        Path segment;

        @Option(names = "--stream", description = "The stream whose shard logs to dump.")
        String stream;

        @Option(names = "--shard", description = "Only this shard: its index (0) or id (shardId-000000000000).")
        String shard;

        @Option(names = "--account", description = "The stream's account, when several have a stream of that name.")
        String account;

        @Option(names = "--region", description = "The stream's region, when several have a stream of that name.")
        String region;

        @Option(names = "--print-data", description = "Also print each record's data, in base64.")
        boolean printData;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = parent.out();
            if ((segment == null) == (stream == null)) {
                out.println("give either --segment FILE or --stream NAME [--shard N]");
                return 2;
            }
            if (segment != null) {
                return new LogDump(out, printData).dump(List.of(segment));
            }
            Path dir = dataDir != null ? dataDir : parent.dataDir;
            MetadataCopy.Contents contents = MetadataCopy.read(dir.resolve("meta"));
            Map<String, byte[]> entries = contents == null ? Map.of() : contents.entries();
            List<MetadataCheck.ShardLogRef> shards = MetadataCheck.check(entries, dir, null, List.of()).shardLogs()
                    .stream().filter(this::selected).toList();
            if (shards.stream().map(ref -> ref.logName().substring(0, ref.logName().lastIndexOf('/'))).distinct()
                    .count() > 1) {
                out.println("several streams are named " + stream + ": give --account and --region");
                return 2;
            }
            List<Path> files = new ArrayList<>();
            for (MetadataCheck.ShardLogRef ref : shards) {
                String shardId = ref.logName().substring(ref.logName().lastIndexOf('/') + 1);
                if (shard == null || shardId.equals(shard) || shardId.equals(String.format("shardId-%012d",
                        parseIndex(shard)))) {
                    files.addAll(segments(dir.resolve("logs").resolve(ref.logName())));
                }
            }
            if (files.isEmpty()) {
                out.println("no shard log found for stream " + stream + (shard == null ? "" : " shard " + shard)
                        + " in " + dir);
                return 2;
            }
            return new LogDump(out, printData).dump(files);
        }

        /** Log names are {@code <account>/<region>/<stream>-<createdAt>/<shard id>}. */
        private boolean selected(MetadataCheck.ShardLogRef ref) {
            String[] parts = ref.logName().split("/");
            return ref.stream().equals(stream) && (account == null || parts[0].equals(account))
                    && (region == null || parts[1].equals(region));
        }

        private static long parseIndex(String shard) {
            try {
                return Long.parseLong(shard);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private static List<Path> segments(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(SegmentScanner::isSegmentFile).sorted().toList();
            }
        }
    }
}
