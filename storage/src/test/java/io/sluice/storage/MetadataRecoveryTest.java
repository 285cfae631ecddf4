package io.sluice.storage;

import static io.sluice.storage.TestRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata journal's recovery rule (Kafka's), its versioned header, and fail-stop on a failed fsync. */
class MetadataRecoveryTest {

    @TempDir
    Path work;

    private Path dir;
    private final List<String> events = new ArrayList<>();
    private final StorageEvents listener = new StorageEvents() {
        @Override
        public void metadataJournalCut(Path file, long position, long bytes, boolean corrupt) {
            events.add("cut " + position + " " + bytes + " " + corrupt);
        }

        @Override
        public void metadataFailed(Path d, boolean fsync, Throwable cause) {
            events.add("failed fsync=" + fsync);
        }
    };

    @BeforeEach
    void storeDirectory() {
        dir = work.resolve("store");
    }

    private Path journal() {
        return dir.resolve("metadata.journal");
    }

    private static Map<String, String> asStrings(Map<String, byte[]> entries) {
        Map<String, String> strings = new TreeMap<>();
        entries.forEach((k, v) -> strings.put(k, TestRecords.string(v)));
        return strings;
    }

    /** Writes a, b, c; returns the journal offset where b's record starts. */
    private long threeChanges() throws IOException {
        try (MetadataStore store = new MetadataStore(dir)) {
            store.put("a", bytes("1"));
        }
        long second = Files.size(journal());
        try (MetadataStore store = new MetadataStore(dir)) {
            store.put("b", bytes("2"));
            store.put("c", bytes("3"));
        }
        return second;
    }

    private void flipByte(long at) throws IOException {
        byte[] journal = Files.readAllBytes(journal());
        journal[(int) at] ^= 0x40;
        Files.write(journal(), journal);
    }

    @Test
    void aCorruptRecordBeforeTheLastOneStopsTheStartAndNamesFileAndOffset() throws Exception {
        long second = threeChanges();
        flipByte(second + 10);
        byte[] before = Files.readAllBytes(journal());

        assertThatThrownBy(() -> new MetadataStore(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(journal().toString())
                .hasMessageContaining("corrupt at offset " + second)
                .hasMessageContaining("storage.metadata.truncate-corrupt=true");
        assertThat(Files.readAllBytes(journal())).as("nothing cut").isEqualTo(before);
    }

    @Test
    void theOperatorCanChooseToDropEverythingFromTheCorruptRecordOn() throws Exception {
        long second = threeChanges();
        flipByte(second + 10);
        long size = Files.size(journal());

        try (MetadataStore store = new MetadataStore(dir, MetadataStore.DEFAULT_COMPACTION_BYTES, true, listener)) {
            assertThat(asStrings(store.entries())).containsExactly(Map.entry("a", "1"));
            assertThat(store.recoveredBytesCut()).isEqualTo(size - second);
            store.put("d", bytes("4"));
        }
        assertThat(events).containsExactly("cut " + second + " " + (size - second) + " true");
        try (MetadataStore store = new MetadataStore(dir)) {
            assertThat(asStrings(store.entries())).containsExactly(Map.entry("a", "1"), Map.entry("d", "4"));
        }
    }

    @Test
    void aWholeLastRecordWithABadChecksumIsATornWriteAndIsCut() throws Exception {
        threeChanges();
        long size = Files.size(journal());
        flipByte(size - 1);

        try (MetadataStore store = new MetadataStore(dir, MetadataStore.DEFAULT_COMPACTION_BYTES, false, listener)) {
            assertThat(asStrings(store.entries())).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        }
        assertThat(events).hasSize(1).allMatch(e -> e.startsWith("cut ") && e.endsWith(" false"));
    }

    @Test
    void zerosAfterTheLastRecordAreATornWriteAndAreCut() throws Exception {
        threeChanges();
        long size = Files.size(journal());
        Files.write(journal(), new byte[100], java.nio.file.StandardOpenOption.APPEND);

        try (MetadataStore store = new MetadataStore(dir)) {
            assertThat(asStrings(store.entries())).containsOnlyKeys("a", "b", "c");
            assertThat(store.recoveredBytesCut()).isEqualTo(100);
        }
        assertThat(Files.size(journal())).isEqualTo(size);
    }

    @Test
    void aNewJournalStartsWithAVersionedHeader() throws Exception {
        try (MetadataStore store = new MetadataStore(dir)) {
            store.put("a", bytes("1"));
        }
        ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(journal()));
        assertThat(head.getInt(0)).isEqualTo(MetadataJournal.MAGIC);
        assertThat(head.getInt(4)).isEqualTo(1);
    }

    @Test
    void aJournalFromANewerSluiceIsRefusedWithItsVersion() throws Exception {
        try (MetadataStore store = new MetadataStore(dir)) {
            store.put("a", bytes("1"));
        }
        byte[] journal = Files.readAllBytes(journal());
        ByteBuffer.wrap(journal).putInt(4, 7);
        Files.write(journal(), journal);

        assertThatThrownBy(() -> new MetadataStore(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("format version 7");
    }

    @Test
    void aJournalWrittenBeforeTheHeaderExistedIsReadAndUpgradedAtCompaction() throws Exception {
        // golden file: written by the journal code of commit 0a647f3 (no header): put alpha, put beta,
        // delete alpha, put consumer
        Files.createDirectories(dir);
        try (InputStream golden = getClass().getResourceAsStream("/golden/metadata-journal-v0")) {
            Files.write(journal(), golden.readAllBytes());
        }

        try (MetadataStore store = new MetadataStore(dir, 100)) {
            assertThat(asStrings(store.entries())).containsExactly(Map.entry("consumer/beta/c1", "active"),
                    Map.entry("stream/beta", "shards=1"));
            assertThat(store.recoveredBytesCut()).isZero();
            store.put("stream/gamma", bytes("shards=3")); // past 100 bytes: compacts, and the header is written
        }
        assertThat(ByteBuffer.wrap(Files.readAllBytes(journal())).getInt(0)).isEqualTo(MetadataJournal.MAGIC);
        try (MetadataStore store = new MetadataStore(dir)) {
            assertThat(store.entries()).containsOnlyKeys("consumer/beta/c1", "stream/beta", "stream/gamma");
        }
    }

    @Test
    void aFailedJournalFsyncStopsTheStoreAndEveryLaterChangeFailsWithThatCause() throws Exception {
        TestDisk disk = new TestDisk();
        try (MetadataStore store = new MetadataStore(dir, MetadataStore.DEFAULT_COMPACTION_BYTES, false, listener,
                disk)) {
            store.put("a", bytes("1"));
            IOException eio = new IOException("EIO");
            disk.failForces(eio);
            assertThatThrownBy(() -> store.put("b", bytes("2"))).hasRootCauseMessage("EIO");
            disk.failForces(null); // the disk seems fine again, but the page cache can no longer be trusted
            assertThatThrownBy(() -> store.put("c", bytes("3"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("failed earlier").hasRootCauseMessage("EIO");
            assertThatThrownBy(() -> store.delete("a")).hasRootCauseMessage("EIO");
            assertThat(asStrings(store.entries())).containsExactly(Map.entry("a", "1"));
        }
        assertThat(events).containsExactly("failed fsync=true");
    }

    @Test
    void aChangeIsForcedBeforePutReturns() throws Exception {
        TestDisk disk = new TestDisk();
        try (MetadataStore store = new MetadataStore(dir, MetadataStore.DEFAULT_COMPACTION_BYTES, false,
                StorageEvents.NONE, disk)) {
            int before = disk.forces();
            store.put("a", bytes("1"));
            assertThat(disk.forces()).isEqualTo(before + 1);
            store.delete("a");
            assertThat(disk.forces()).isEqualTo(before + 2);
        }
    }

    @Test
    void aFailedSnapshotStopsTheStoreToo() throws Exception {
        try (MetadataStore store = new MetadataStore(dir, 60, false, listener)) {
            store.put("a", bytes("1"));
            Files.createDirectories(dir.resolve("metadata.snapshot.tmp").resolve("blocker")); // the write fails
            assertThatThrownBy(() -> store.put("b", bytes("x".repeat(100)))).isInstanceOf(IOException.class);
            Files.delete(dir.resolve("metadata.snapshot.tmp").resolve("blocker"));
            Files.delete(dir.resolve("metadata.snapshot.tmp"));
            assertThatThrownBy(() -> store.put("c", bytes("3"))).hasMessageContaining("failed earlier");
        }
        assertThat(events).containsExactly("failed fsync=false");
        try (MetadataStore store = new MetadataStore(dir)) {
            assertThat(store.entries()).as("b reached the journal before the snapshot failed")
                    .containsOnlyKeys("a", "b");
        }
    }
}
