package io.sluice.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparseIndexTest {

    @TempDir
    Path dir;

    private SparseIndex indexWith(long... offsetPositionTimestamp) {
        SparseIndex index = new SparseIndex(dir.resolve("0.index"), List.of(), 0);
        for (int i = 0; i < offsetPositionTimestamp.length; i += 3) {
            index.add(offsetPositionTimestamp[i], offsetPositionTimestamp[i + 1], offsetPositionTimestamp[i + 2]);
        }
        return index;
    }

    @Test
    void floorByOffsetFindsTheLastEntryAtOrBeforeTheOffset() {
        SparseIndex index = indexWith(10, 100, 1, 20, 200, 2, 30, 300, 3);

        assertThat(index.floorByOffset(9)).isNull();
        assertThat(index.floorByOffset(10)).isEqualTo(new SparseIndex.Entry(10, 100, 1));
        assertThat(index.floorByOffset(29)).isEqualTo(new SparseIndex.Entry(20, 200, 2));
        assertThat(index.floorByOffset(1000)).isEqualTo(new SparseIndex.Entry(30, 300, 3));
    }

    @Test
    void lastBeforeTimestampSkipsEntriesWithEqualTimestamps() {
        SparseIndex index = indexWith(10, 100, 5, 20, 200, 7, 30, 300, 7, 40, 400, 9);

        assertThat(index.lastBeforeTimestamp(5)).isNull();
        assertThat(index.lastBeforeTimestamp(6)).isEqualTo(new SparseIndex.Entry(10, 100, 5));
        assertThat(index.lastBeforeTimestamp(7)).isEqualTo(new SparseIndex.Entry(10, 100, 5));
        assertThat(index.lastBeforeTimestamp(8)).isEqualTo(new SparseIndex.Entry(30, 300, 7));
        assertThat(index.lastBeforeTimestamp(Long.MAX_VALUE)).isEqualTo(new SparseIndex.Entry(40, 400, 9));
        assertThat(index.lastBeforeTimestamp(Long.MIN_VALUE)).isNull();
    }

    @Test
    void flushWritesOnlyNewEntriesAndTheFileReadsBack() throws Exception {
        SparseIndex index = indexWith();
        List<SparseIndex.Entry> added = new ArrayList<>();
        for (int i = 1; i <= 40; i++) { // past the initial capacity
            index.add(i * 10L, i * 100L, i);
            added.add(new SparseIndex.Entry(i * 10L, i * 100L, i));
            if (i % 7 == 0) {
                index.flush();
            }
        }
        index.flush();

        assertThat(SparseIndex.readFile(dir.resolve("0.index"))).isEqualTo(added);
        assertThat(index.floorByOffset(400)).isEqualTo(added.getLast());
        assertThat(Files.size(dir.resolve("0.index"))).isEqualTo(40L * SparseIndex.ENTRY_SIZE);
    }

    @Test
    void partialTrailingEntryInTheFileIsIgnoredAndMissingFileIsEmpty() throws Exception {
        SparseIndex index = indexWith(10, 100, 1, 20, 200, 2);
        index.flush();
        Path file = dir.resolve("0.index");
        Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        assertThat(SparseIndex.readFile(file)).containsExactly(new SparseIndex.Entry(10, 100, 1),
                new SparseIndex.Entry(20, 200, 2));
        assertThat(SparseIndex.readFile(dir.resolve("missing.index"))).isEmpty();
    }
}
