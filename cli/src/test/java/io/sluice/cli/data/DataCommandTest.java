package io.sluice.cli.data;

import io.sluice.cli.SluiceCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DataCommandTest {

    /** The golden data directories of the engine's tests (see their README). */
    private static final Path GOLDEN = Path.of("../engine/src/test/resources/golden");
    private static final String PLAIN_SHARD = "logs/000000000000/us-east-1/plain-1700000000000/shardId-000000000000";

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private static Run sluice(String... args) {
        StringWriter text = new StringWriter();
        CommandLine command = new CommandLine(new SluiceCommand());
        command.setOut(new PrintWriter(text, true));
        int code = command.execute(args);
        return new Run(code, text.toString());
    }

    private Path copy(String golden) throws IOException {
        Path source = GOLDEN.resolve(golden);
        Path target = dir.resolve(golden);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }

    private static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                digests.put(root.relativize(file).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return digests;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sluice-0a647f3", "sluice-94d823e", "sluice-0a647f3-firehose"})
    void checkFindsAGoldenDirectoryCleanAndChangesNothing(String golden) throws Exception {
        Path data = copy(golden);
        Map<String, String> before = digests(data);

        Run run = sluice("data", "check", "--data-dir", data.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.lines()).last().isEqualTo("clean");
        assertThat(run.output()).doesNotContain("problem");
        assertThat(digests(data)).isEqualTo(before);
    }

    @Test
    void checkSummarisesWhatItRead() throws Exception {
        Run run = sluice("data", "check", "--data-dir", copy("sluice-0a647f3").toString());

        assertThat(run.output()).contains("3 stream(s), 1 consumer(s), 2 data key(s), 5 shard log(s) in 6 segment(s),"
                + " 55 record(s)");
        assertThat(sluice("data", "check", "--data-dir", copy("sluice-0a647f3-firehose").toString()).output())
                .contains("1 delivery stream(s), 1 buffer(s) in 1 segment(s), 3 record(s)");
    }

    @Test
    void checkReportsAFlippedByteWithItsFileAndPosition() throws Exception {
        Path data = copy("sluice-0a647f3");
        Path segment = data.resolve(PLAIN_SHARD).resolve("00000000000000000017.log");
        long entry = secondEntryPosition(segment);
        flip(segment, entry + 40);

        Run run = sluice("data", "check", "--data-dir", data.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).contains("problem: " + segment + " at position " + entry
                + ": CRC mismatch in the entry of offset 18");
        assertThat(run.lines()).last().isEqualTo("1 problem(s)");
    }

    @Test
    void checkReportsAShardLogTheMetadataNamesButTheDiskLacks() throws Exception {
        Path data = copy("sluice-94d823e");
        Path shard = data.resolve("logs/000000000000/us-east-1/split-1700000000000/shardId-000000000002");
        try (Stream<Path> files = Files.list(shard)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(shard);

        Run run = sluice("data", "check", "--data-dir", data.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("problem: stream split: shard log logs/000000000000/us-east-1/"
                + "split-1700000000000/shardId-000000000002 is missing");
    }

    @Test
    void dumpPrintsAShardsEntriesInOrderWithTheirKeysAndCrcs() throws Exception {
        Path data = copy("sluice-0a647f3");

        Run run = sluice("data", "dump", "--data-dir", data.toString(), "--stream", "plain", "--shard", "0");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> entries = run.lines().stream().filter(line -> line.startsWith("offset=")).toList();
        assertThat(entries).hasSize(30);
        for (int i = 0; i < 30; i++) {
            int bytes = ("plain record " + i + " " + "x".repeat(i)).length();
            assertThat(entries.get(i)).startsWith("offset=" + i + " ")
                    .contains(" flags=0 keyBytes=4 dataBytes=" + bytes + " partitionKey=\"pk-" + (i % 3) + "\" crc=ok");
        }
        assertThat(entries.getFirst()).contains("position=0 timestamp=2023-11-14T22:13:21.007Z");
        assertThat(run.output()).contains("format version 1, offsets 0 to 16, 17 entries");
    }

    @Test
    void dumpOfASegmentShowsTheBadEntry() throws Exception {
        Path data = copy("sluice-0a647f3");
        Path segment = data.resolve(PLAIN_SHARD).resolve("00000000000000000017.log");
        long entry = secondEntryPosition(segment);
        flip(segment, entry + 40);

        Run run = sluice("data", "dump", "--segment", segment.toString(), "--print-data");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).filteredOn(line -> line.startsWith("offset=18 "))
                .singleElement().asString().contains("crc=MISMATCH");
        assertThat(run.lines()).filteredOn(line -> line.startsWith("offset=17 "))
                .singleElement().asString().contains("crc=ok", "data=");
    }

    private static long secondEntryPosition(Path segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment)) {
            ByteBuffer length = ByteBuffer.allocate(4);
            channel.read(length, 0);
            return 4 + length.getInt(0);
        }
    }

    private static void flip(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, position);
            b.put(0, (byte) (b.get(0) ^ 0x10)).rewind();
            channel.write(b, position);
        }
    }
}
