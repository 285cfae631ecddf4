package io.sluice.agent.tail;

import io.sluice.agent.config.FlowConfig;
import io.sluice.agent.config.FlowConfig.Destination;
import io.sluice.agent.config.FlowConfig.InitialPosition;
import io.sluice.agent.parse.RecordProcessor;
import io.sluice.agent.parse.RecordSplitters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A flow over {@code app.log*} in a directory, its checkpoint file, a manual clock and file modification times set
 * by the test (file systems keep them at a coarse tick). Records are the lines as split, unprocessed.
 */
final class TailFixture {

    static final long POLL_MILLIS = 100;
    static final long REFRESH_MILLIS = 10_000;

    final Path dir;
    final Path log;
    final Path checkpointFile;
    final ManualClock clock = new ManualClock(1_765_000_000_000L);
    final FlowConfig flow;
    RecordProcessor processor = record -> record;
    CheckpointStore store;
    FlowSource source;
    private long fileTime = 1_700_000_000_000L;

    TailFixture(Path dir, InitialPosition initialPosition) {
        this.dir = dir;
        this.log = dir.resolve("app.log");
        this.checkpointFile = dir.resolve("state").resolve("checkpoints");
        this.flow = flow(dir.resolve("app.log*").toString(), initialPosition);
    }

    static FlowConfig flow(String pattern, InitialPosition initialPosition) {
        return new FlowConfig(pattern + "->s", pattern, new Destination(Destination.Kind.KINESIS_STREAM, "s"),
                FlowConfig.PartitionKeyOption.RANDOM, initialPosition, 60_000, 500, 5 << 20, POLL_MILLIS,
                REFRESH_MILLIS, null, 0, "\n", null, 0, 100, 10_000, 100, 1000, List.of());
    }

    /** Opens (again) the checkpoint store from its file and the flow's source from it. */
    FlowSource open() throws IOException {
        if (source != null) {
            source.close();
        }
        store = CheckpointStore.open(checkpointFile, 7, clock);
        source = FlowSources.open(flow, store, clock, () -> RecordSplitters.forFlow(flow), processor);
        return source;
    }

    /** Appends the text to the file and gives it the next modification time. */
    void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        touch(file);
    }

    void touch(Path file) throws IOException {
        fileTime += 1000;
        Files.setLastModifiedTime(file, FileTime.fromMillis(fileTime));
    }

    /** Polls (the clock moved past both intervals each time) until a poll returns nothing. */
    List<TailedRecord> drain() throws IOException {
        List<TailedRecord> all = new ArrayList<>();
        while (true) {
            clock.advance(REFRESH_MILLIS);
            List<TailedRecord> some = source.poll(1000);
            if (some.isEmpty()) {
                return all;
            }
            all.addAll(some);
        }
    }

    /** Drains and acknowledges the last record. */
    List<String> drainAndAck() throws IOException {
        List<TailedRecord> records = drain();
        if (!records.isEmpty()) {
            source.acknowledged(records.getLast().end());
        }
        return texts(records);
    }

    static List<String> texts(List<TailedRecord> records) {
        return records.stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
    }

    static String key(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey().toString();
    }

    static String lines(String prefix, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(prefix).append(i).append('\n');
        }
        return text.toString();
    }

    static List<String> list(String prefix, int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add(prefix + i);
        }
        return lines;
    }
}
