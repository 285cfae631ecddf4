package io.sluice.agent.tail;

import io.sluice.agent.config.FlowConfig.InitialPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static io.sluice.agent.tail.TailFixture.key;
import static io.sluice.agent.tail.TailFixture.lines;
import static io.sluice.agent.tail.TailFixture.list;
import static io.sluice.agent.tail.TailFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of rotation, with the agent running and while it is down. */
class RotationTest {

    /** A first line long enough for a copy of its file to be told ({@link FileFingerprint#MIN_IDENTIFYING_LENGTH}). */
    static final String FIRST = "2026-12-06T05:00:00Z app started: the first line of this log, longer than 64 bytes";

    @TempDir
    Path dir;

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void truncate(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
    }

    @Test
    void renameRotationFinishesTheRenamedFileThenReadsTheNewOneFromItsStart() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 3));
        f.open();
        assertThat(f.drainAndAck()).containsExactly("a0", "a1", "a2");

        f.append(f.log, lines("a", 3, 5));
        Files.move(f.log, dir.resolve("app.log.1"));
        f.append(dir.resolve("app.log.1"), lines("a", 5, 6)); // the writer has not reopened its log yet
        f.append(f.log, lines("b", 0, 2));

        assertThat(f.drainAndAck()).containsExactly("a3", "a4", "a5", "b0", "b1");
    }

    @Test
    void renameRotationOutOfThePatternIsReadToItsEndThroughTheOpenFile() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 2));
        f.open();
        assertThat(f.drainAndAck()).containsExactly("a0", "a1");
        f.append(f.log, lines("a", 2, 4));
        Files.move(f.log, dir.resolve("old-app"));
        f.append(f.log, lines("b", 0, 1));

        assertThat(f.drainAndAck()).containsExactly("a2", "a3", "b0");
    }

    @Test
    void aLastLineWithoutNewlineIsARecordOnceTheFileIsRotated() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, "a0\na1");
        f.open();
        assertThat(f.drainAndAck()).containsExactly("a0");
        Files.move(f.log, dir.resolve("app.log.1"));
        f.append(f.log, "b0\n");

        assertThat(f.drainAndAck()).containsExactly("a1", "b0");
    }

    @Test
    void copytruncateReadsTheUnreadRestFromTheCopyThenTheTruncatedFileFromItsStart() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, FIRST + "\n" + lines("a", 0, 3));
        f.open();
        assertThat(f.drainAndAck()).containsExactly(FIRST, "a0", "a1", "a2");

        f.append(f.log, lines("a", 3, 6));
        Path copy = dir.resolve("app.log.1");
        Files.copy(f.log, copy);
        f.touch(copy);
        truncate(f.log);
        f.append(f.log, lines("b", 0, 2));

        assertThat(f.drainAndAck()).containsExactly("a3", "a4", "a5", "b0", "b1");
    }

    @Test
    void copytruncateSeenBeforeTheTruncationDoesNotReadTheCopyAgain() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, FIRST + "\n" + lines("a", 0, 3));
        f.open();
        assertThat(f.drainAndAck()).containsExactly(FIRST, "a0", "a1", "a2");
        f.append(f.log, lines("a", 3, 5));
        Path copy = dir.resolve("app.log.1");
        Files.copy(f.log, copy);
        f.touch(copy);
        assertThat(f.drainAndAck()).containsExactly("a3", "a4"); // the copy is listed, not read

        truncate(f.log);
        f.append(f.log, lines("b", 0, 2));
        assertThat(f.drainAndAck()).containsExactly("b0", "b1");
    }

    @Test
    void copytruncateOfAFileTooShortToTellItsCopyReadsTheCopyAgainFromItsStart() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 2));
        f.open();
        assertThat(f.drainAndAck()).containsExactly("a0", "a1");
        f.append(f.log, lines("a", 2, 3));
        Path copy = dir.resolve("app.log.1");
        Files.copy(f.log, copy);
        f.touch(copy);
        truncate(f.log);
        f.append(f.log, lines("b", 0, 1));

        assertThat(f.drainAndAck()).containsExactly("a0", "a1", "a2", "b0");
    }

    @Test
    void copytruncateWithoutACopyInThePatternLosesOnlyTheUnreadRest() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 3));
        f.open();
        assertThat(f.drainAndAck()).containsExactly("a0", "a1", "a2");
        f.append(f.log, lines("a", 3, 5));
        Files.copy(f.log, dir.resolve("elsewhere"));
        truncate(f.log);
        f.append(f.log, lines("b", 0, 2));

        assertThat(f.drainAndAck()).containsExactly("b0", "b1");
    }

    @Test
    void truncationAndRegrowthBeyondTheOldSizeBetweenPollsIsSeenByTheFirstBytes() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 3));
        f.open();
        assertThat(f.drainAndAck()).containsExactly("a0", "a1", "a2");
        long oldSize = Files.size(f.log);

        truncate(f.log);
        f.append(f.log, lines("bbbbbbbb", 0, 5));
        assertThat(Files.size(f.log)).isGreaterThan(oldSize);

        assertThat(f.drainAndAck()).containsExactlyElementsOf(list("bbbbbbbb", 0, 5));
    }

    @Test
    void createRotationReadsOlderFilesFirstByModificationTime() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        Path first = dir.resolve("app.log-2026-12-06-01");
        f.append(first, lines("a", 0, 2));
        f.open();
        assertThat(f.drainAndAck()).containsExactly("a0", "a1");

        f.append(first, lines("a", 2, 3));
        Path second = dir.resolve("app.log-2026-12-06-02");
        f.append(second, lines("b", 0, 2));
        Path third = dir.resolve("app.log-2026-12-06-03");
        f.append(third, lines("c", 0, 1));

        assertThat(f.drainAndAck()).containsExactly("a2", "b0", "b1", "c0");
    }

    @Test
    void withoutCheckpointOnlyTheNewestFileIsReadFromTheInitialPosition() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.END_OF_FILE);
        f.append(dir.resolve("app.log.1"), lines("old", 0, 2));
        f.append(f.log, lines("a", 0, 2));
        f.open();
        f.append(f.log, lines("a", 2, 4));

        assertThat(f.drainAndAck()).containsExactly("a2", "a3");
    }

    @Test
    void restartResumesAfterTheLastAcknowledgedRecord() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 5));
        f.open();
        List<TailedRecord> polled = f.drain();
        assertThat(texts(polled)).hasSize(5);
        f.source.acknowledged(polled.get(1).end());

        f.open();
        assertThat(f.drainAndAck()).containsExactly("a2", "a3", "a4");
    }

    @Test
    void aFlowThatNeverAcknowledgedRestartsWhereItStartedNotAtTheEnd() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.END_OF_FILE);
        f.append(f.log, lines("old", 0, 2));
        f.open();
        f.append(f.log, lines("a", 0, 2));
        assertThat(texts(f.drain())).containsExactly("a0", "a1");

        f.open();
        assertThat(f.drainAndAck()).containsExactly("a0", "a1");
    }

    @Test
    void renameRotationWhileDownResumesTheRenamedFileThenTheNewOnes() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 2));
        f.open();
        assertThat(f.drainAndAck()).containsExactly("a0", "a1");
        f.source.close();

        f.append(f.log, lines("a", 2, 3));
        Files.move(f.log, dir.resolve("app.log.1"));
        f.append(f.log, lines("b", 0, 2));
        Files.move(dir.resolve("app.log.1"), dir.resolve("app.log.2"));
        Files.move(f.log, dir.resolve("app.log.1"));
        f.append(f.log, lines("c", 0, 1));

        f.open();
        assertThat(f.drainAndAck()).containsExactly("a2", "b0", "b1", "c0");
    }

    @Test
    void renameOutOfThePatternWhileDownStillFindsTheFileByItsKey() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 2));
        f.open();
        assertThat(f.drainAndAck()).containsExactly("a0", "a1");
        f.source.close();

        f.append(f.log, lines("a", 2, 3));
        Files.move(f.log, dir.resolve("archived"));
        f.append(f.log, lines("b", 0, 1));

        f.open();
        assertThat(f.drainAndAck()).containsExactly("a2", "b0");
    }

    @Test
    void copytruncateWhileDownResumesInTheCopyThenReadsTheTruncatedFile() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, FIRST + "\n" + lines("a", 0, 2));
        f.open();
        assertThat(f.drainAndAck()).containsExactly(FIRST, "a0", "a1");
        String originalKey = key(f.log);
        f.source.close();

        f.append(f.log, lines("a", 2, 4));
        Path copy = dir.resolve("app.log.1");
        Files.copy(f.log, copy, StandardCopyOption.COPY_ATTRIBUTES);
        truncate(f.log);
        f.append(f.log, lines("b", 0, 1));

        f.open();
        List<TailedRecord> records = f.drain();
        assertThat(texts(records)).containsExactly("a2", "a3", "b0");
        assertThat(records.get(0).end().fileKey()).isEqualTo(key(copy));
        assertThat(records.get(2).end().fileKey()).isEqualTo(originalKey);
    }

    @Test
    void aDeletedFileIsReadToItsEndBeforeTheNextOne() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 1));
        f.open();
        assertThat(f.drainAndAck()).containsExactly("a0");
        f.append(f.log, lines("a", 1, 3));
        Files.delete(f.log);
        f.append(f.log, lines("b", 0, 1));

        assertThat(f.drainAndAck()).containsExactly("a1", "a2", "b0");
    }

    @Test
    void positionsNameTheFileByKeyAndItsPathAtReading() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, "one\ntwo\n");
        f.open();
        List<TailedRecord> records = f.drain();

        assertThat(records).extracting(TailedRecord::end).containsExactly(
                new TailPosition(key(f.log), f.log, 4), new TailPosition(key(f.log), f.log, 8));
    }

    @Test
    void renamesBetweenTwoFilesOfThePatternNeverMixThemUp() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 1));
        f.open();
        assertThat(f.drainAndAck()).containsExactly("a0");
        for (int round = 1; round <= 3; round++) {
            f.append(f.log, lines("r" + round + "-", 0, 1));
            Files.move(f.log, dir.resolve("app.log.1"), StandardCopyOption.REPLACE_EXISTING);
            f.append(f.log, lines("n" + round + "-", 0, 1));
            assertThat(f.drainAndAck()).as("round " + round)
                    .containsExactly("r" + round + "-0", "n" + round + "-0");
        }
        assertThat(concat(List.of(), f.drainAndAck())).isEmpty();
    }
}
