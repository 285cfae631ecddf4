package io.sluice.storage;

import static io.sluice.storage.TestRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataStoreTest {

    @TempDir
    Path work;

    private Path dir;

    @BeforeEach
    void storeDirectory() {
        dir = work.resolve("store");
    }

    private Path journal() {
        return dir.resolve("metadata.journal");
    }

    private Path snapshot() {
        return dir.resolve("metadata.snapshot");
    }

    private static Map<String, String> asStrings(Map<String, byte[]> entries) {
        Map<String, String> strings = new TreeMap<>();
        entries.forEach((k, v) -> strings.put(k, TestRecords.string(v)));
        return strings;
    }

    @Test
    void putsAndDeletesSurviveReopen() throws Exception {
        try (MetadataStore store = new MetadataStore(dir)) {
            store.put("stream/a", bytes("1"));
            store.put("stream/b", bytes("2"));
            store.put("stream/a", bytes("3"));
            store.delete("stream/b");
            store.delete("stream/never");
            store.put("empty", new byte[0]);
        }

        try (MetadataStore store = new MetadataStore(dir)) {
            assertThat(asStrings(store.entries())).containsExactly(Map.entry("empty", ""), Map.entry("stream/a", "3"));
            assertThat(store.recoveredBytesCut()).isZero();
        }
    }

    @Test
    void entriesIsACopyAndPutCopiesTheValue() throws Exception {
        try (MetadataStore store = new MetadataStore(dir)) {
            byte[] value = bytes("v");
            store.put("k", value);
            value[0] = 'x';
            store.entries().get("k")[0] = 'y';
            store.entries().clear();

            assertThat(asStrings(store.entries())).containsExactly(Map.entry("k", "v"));
        }
    }

    @Test
    void journalIsCompactedIntoASnapshotPastTheThreshold() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        try (MetadataStore store = new MetadataStore(dir, 1000)) {
            for (int i = 0; i < 200; i++) {
                String key = "key-" + (i % 17);
                if (i % 5 == 0) {
                    store.delete(key);
                    expected.remove(key);
                } else {
                    store.put(key, bytes("value-" + i));
                    expected.put(key, "value-" + i);
                }
                assertThat(Files.size(journal())).isLessThanOrEqualTo(1000);
            }
            assertThat(snapshot()).exists();
        }

        try (MetadataStore store = new MetadataStore(dir, 1000)) {
            assertThat(asStrings(store.entries())).isEqualTo(expected);
        }
    }

    @Test
    void tornJournalTailIsCutAndEveryEarlierChangeKept() throws Exception {
        try (MetadataStore store = new MetadataStore(dir)) {
            store.put("a", bytes("1"));
            store.put("b", bytes("2"));
        }
        long intact = Files.size(journal());
        try (MetadataStore store = new MetadataStore(dir)) {
            store.put("c", bytes("a value that gets torn"));
        }
        long full = Files.size(journal());
        Random random = new Random(5);
        Path backup = work.resolve("journal.backup");
        Files.copy(journal(), backup);
        for (int i = 0; i < 20; i++) {
            long cutAt = intact + random.nextLong(full - intact);
            Files.copy(backup, journal(), StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(journal(), StandardOpenOption.WRITE)) {
                channel.truncate(cutAt);
            }

            try (MetadataStore store = new MetadataStore(dir)) {
                assertThat(store.recoveredBytesCut()).isEqualTo(cutAt - intact);
                assertThat(asStrings(store.entries())).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
            }
            assertThat(Files.size(journal())).isEqualTo(intact);
        }
    }

    @Test
    void replayingAnOldJournalOverANewerSnapshotGivesTheSameState() throws Exception {
        // a crash between installing the snapshot and emptying the journal leaves both
        Path oldJournal = work.resolve("old.journal");
        try (MetadataStore store = new MetadataStore(dir, 150)) {
            store.put("a", bytes("1"));
            store.put("b", bytes("2"));
            store.delete("a");
            store.put("c", bytes("3"));
            Files.copy(journal(), oldJournal);
            store.put("d", bytes("x".repeat(200))); // past the threshold: compacts
            assertThat(Files.size(journal())).isEqualTo(MetadataJournal.HEADER);
        }
        Files.copy(oldJournal, journal(), StandardCopyOption.REPLACE_EXISTING);

        try (MetadataStore store = new MetadataStore(dir, 150)) {
            assertThat(store.entries()).containsOnlyKeys("b", "c", "d");
        }
    }

    @Test
    void aDamagedSnapshotIsRefusedRatherThanLosingMetadata() throws Exception {
        try (MetadataStore store = new MetadataStore(dir, 10)) {
            store.put("a", bytes("some value"));
        }
        byte[] snapshot = Files.readAllBytes(snapshot());
        snapshot[snapshot.length / 2] ^= 1;
        Files.write(snapshot(), snapshot);

        assertThatThrownBy(() -> new MetadataStore(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt metadata snapshot");
        Files.write(snapshot(), new byte[3]);
        assertThatThrownBy(() -> new MetadataStore(dir)).isInstanceOf(IOException.class);
    }

    @Test
    void aClosedStoreRefusesChanges() throws Exception {
        MetadataStore store = new MetadataStore(dir);
        store.close();

        assertThatThrownBy(() -> store.put("a", bytes("1"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.delete("a")).isInstanceOf(IOException.class);
        store.close();
    }

    @Test
    void getReturnsOneValueOrNull(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (MetadataStore store = new MetadataStore(dir)) {
            store.put("a", new byte[] {1, 2});
            org.assertj.core.api.Assertions.assertThat(store.get("a")).containsExactly(1, 2);
            org.assertj.core.api.Assertions.assertThat(store.get("b")).isNull();
        }
    }
}
