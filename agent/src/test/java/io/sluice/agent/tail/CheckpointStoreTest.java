package io.sluice.agent.tail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointStoreTest {

    static final long NOW = 1_765_000_000_000L;

    /** The entry of {@code checkpoints-v1.json}. */
    static final Checkpoint GOLDEN = new Checkpoint("/var/log/app.log*->stream", "(dev=803,ino=1234)",
            Path.of("/var/log/app.log"), 4096, 5000, 1_764_999_999_000L, new FileFingerprint(1024, 123456789L),
            1_765_000_000_000L);

    @TempDir
    Path dir;

    static byte[] golden() throws IOException {
        try (InputStream in = CheckpointStoreTest.class.getResourceAsStream("checkpoints-v1.json")) {
            return in.readAllBytes();
        }
    }

    static Checkpoint checkpoint(String flow, long offset, long updated) {
        return new Checkpoint(flow, "(dev=1,ino=2)", Path.of("/logs/a"), offset, offset, 10,
                FileFingerprint.EMPTY, updated);
    }

    @Test
    void theGoldenVersion1FileIsRead() throws Exception {
        Path file = dir.resolve("checkpoints");
        Files.write(file, golden());

        CheckpointStore store = CheckpointStore.open(file, 7, new ManualClock(NOW));

        assertThat(store.get(GOLDEN.flowId())).contains(GOLDEN);
    }

    @Test
    void aCheckpointIsWrittenAsTheGoldenVersion1File() throws Exception {
        Path file = dir.resolve("checkpoints");
        CheckpointStore.open(file, 7, new ManualClock(NOW)).put(GOLDEN);

        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip())
                .isEqualTo(new String(golden(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void putIsOnDiskForTheNextOpenAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("run").resolve("checkpoints");
        CheckpointStore store = CheckpointStore.open(file, 7, new ManualClock(NOW));
        store.put(checkpoint("a", 10, NOW));
        store.put(checkpoint("b", 20, NOW));
        store.put(checkpoint("a", 30, NOW));

        CheckpointStore reopened = CheckpointStore.open(file, 7, new ManualClock(NOW));
        assertThat(reopened.get("a")).contains(checkpoint("a", 30, NOW));
        assertThat(reopened.get("b")).contains(checkpoint("b", 20, NOW));
        assertThat(reopened.get("c")).isEmpty();
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void aLeftoverTemporaryFileOfAnInterruptedWriteIsIgnored() throws Exception {
        Path file = dir.resolve("checkpoints");
        CheckpointStore.open(file, 7, new ManualClock(NOW)).put(checkpoint("a", 10, NOW));
        Files.writeString(dir.resolve("checkpoints.tmp"), "{\"format\": \"sluice-agent-chec");

        CheckpointStore store = CheckpointStore.open(file, 7, new ManualClock(NOW));
        assertThat(store.get("a")).contains(checkpoint("a", 10, NOW));
        store.put(checkpoint("a", 11, NOW));
        assertThat(CheckpointStore.open(file, 7, new ManualClock(NOW)).get("a")).contains(checkpoint("a", 11, NOW));
    }

    @Test
    void entriesOlderThanTheTimeToLiveAreDropped() throws Exception {
        Path file = dir.resolve("checkpoints");
        long day = 86_400_000L;
        CheckpointStore store = CheckpointStore.open(file, 7, new ManualClock(NOW));
        store.put(checkpoint("old", 1, NOW - 8 * day));
        store.put(checkpoint("recent", 1, NOW - 6 * day));

        CheckpointStore reopened = CheckpointStore.open(file, 7, new ManualClock(NOW));
        assertThat(reopened.get("old")).isEmpty();
        assertThat(reopened.get("recent")).isPresent();
    }

    @Test
    void aNewerVersionIsRefusedNamingItAndTheFileIsLeftAlone() throws Exception {
        Path file = dir.resolve("checkpoints");
        String newer = new String(golden(), StandardCharsets.UTF_8).replace("\"version\" : 1", "\"version\" : 2");
        Files.writeString(file, newer);

        assertThatThrownBy(() -> CheckpointStore.open(file, 7, new ManualClock(NOW)))
                .isInstanceOf(CheckpointFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("version 2");
        assertThat(Files.readString(file)).isEqualTo(newer);
    }

    @Test
    void aFileThatIsNotACheckpointFileIsRefused() throws Exception {
        Path file = dir.resolve("checkpoints");
        Files.writeString(file, "not json");
        assertThatThrownBy(() -> CheckpointStore.open(file, 7, new ManualClock(NOW)))
                .isInstanceOf(CheckpointFileException.class).hasMessageContaining("not JSON");

        Files.writeString(file, "{\"flows\": []}");
        assertThatThrownBy(() -> CheckpointStore.open(file, 7, new ManualClock(NOW)))
                .isInstanceOf(CheckpointFileException.class).hasMessageContaining("not a Sluice agent checkpoint");

        Files.writeString(file, "{\"format\": \"sluice-agent-checkpoints\", \"version\": 1, \"checkpoints\": "
                + "[{\"flow\": \"f\", \"offset\": 1}]}");
        assertThatThrownBy(() -> CheckpointStore.open(file, 7, new ManualClock(NOW)))
                .isInstanceOf(CheckpointFileException.class).hasMessageContaining("\"fileKey\"");
    }

    @Test
    void flowsAcknowledgingAtOnceAllEndUpInTheFile() throws Exception {
        Path file = dir.resolve("checkpoints");
        CheckpointStore store = CheckpointStore.open(file, 7, new ManualClock(NOW));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int flow = 0; flow < 8; flow++) {
                String id = "flow-" + flow;
                done.add(threads.submit(() -> {
                    for (int offset = 1; offset <= 50; offset++) {
                        store.put(checkpoint(id, offset, NOW));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }

        CheckpointStore reopened = CheckpointStore.open(file, 7, new ManualClock(NOW));
        for (int flow = 0; flow < 8; flow++) {
            assertThat(reopened.get("flow-" + flow)).contains(checkpoint("flow-" + flow, 50, NOW));
        }
    }
}
