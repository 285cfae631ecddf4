package io.sluice.agent.tail;

import io.sluice.agent.config.FlowConfig.InitialPosition;
import io.sluice.agent.parse.RecordConversionException;
import io.sluice.agent.parse.RecordSplitter;
import io.sluice.agent.parse.RecordSplitters;
import io.sluice.agent.parse.SplitRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.sluice.agent.tail.TailFixture.lines;
import static io.sluice.agent.tail.TailFixture.list;
import static io.sluice.agent.tail.TailFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Polling, limits, skipped records, bytes behind and health of one flow's source. */
class TailingFlowSourceTest {

    @TempDir
    Path dir;

    @Test
    void aPollThatFoundNothingMakesTheNextWaitMinTimeBetweenFilePolls() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, "");
        FlowSource source = f.open();
        assertThat(source.poll(10)).isEmpty();
        f.append(f.log, lines("a", 0, 1));

        f.clock.advance(TailFixture.POLL_MILLIS - 1);
        assertThat(source.poll(10)).isEmpty();
        f.clock.advance(1);
        assertThat(texts(source.poll(10))).containsExactly("a0");
        f.append(f.log, lines("a", 1, 2));
        assertThat(texts(source.poll(10))).as("a poll that found records does not wait").containsExactly("a1");
    }

    @Test
    void aPollReturnsAtMostMaxRecordsAndTheRestNext() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 10));
        FlowSource source = f.open();

        assertThat(texts(source.poll(3))).containsExactly("a0", "a1", "a2");
        assertThat(texts(source.poll(3))).containsExactly("a3", "a4", "a5");
        assertThat(texts(source.poll(100))).containsExactlyElementsOf(list("a", 6, 10));
    }

    @Test
    void aRecordThatCannotBeConvertedIsSkippedCountedAndThePositionMovesPastIt() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.processor = record -> {
            if (new String(record, StandardCharsets.UTF_8).startsWith("bad")) {
                throw new RecordConversionException("not the log format");
            }
            return record;
        };
        f.append(f.log, "a0\nbad\na1\n");
        FlowSource source = f.open();

        List<TailedRecord> records = f.drain();
        assertThat(texts(records)).containsExactly("a0", "a1");
        assertThat(records.get(1).end().offset()).isEqualTo(10);
        assertThat(source.recordsSkipped()).isEqualTo(1);
    }

    @Test
    void bytesBehindCountsWhatIsNotReadInEveryFile() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 10)); // 30 bytes
        FlowSource source = f.open();
        assertThat(source.bytesBehind()).isEqualTo(30);
        f.drain();
        assertThat(source.bytesBehind()).isZero();
        assertThat(source.bytesBehindByFile()).containsExactly(java.util.Map.entry(f.log.toString(), 0L));

        f.append(f.log, lines("a", 10, 11));
        Path rotated = dir.resolve("app.log.1");
        Files.move(f.log, rotated);
        f.append(f.log, lines("b", 0, 3)); // 9 bytes in a file not opened yet
        f.clock.advance(TailFixture.REFRESH_MILLIS);
        assertThat(texts(source.poll(1))).containsExactly("a10");
        assertThat(source.bytesBehind()).isEqualTo(9);
        assertThat(source.bytesBehindByFile()).as("the file read and the new one")
                .containsOnly(java.util.Map.entry(rotated.toString(), 0L), java.util.Map.entry(f.log.toString(), 9L));

        f.drain();
        assertThat(source.bytesBehindByFile()).as("the rotated file, read and left, is no longer named")
                .containsOnly(java.util.Map.entry(f.log.toString(), 0L));
    }

    @Test
    void aFailingPollMarksTheSourceUnhealthyUntilAPollSucceeds() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        AtomicBoolean broken = new AtomicBoolean(true);
        f.append(f.log, lines("a", 0, 2));
        f.store = CheckpointStore.open(f.checkpointFile, 7, f.clock);
        FlowSource source = FlowSources.open(f.flow, f.store, f.clock, () -> failingWhile(broken, f), r -> r);

        assertThatThrownBy(() -> source.poll(10)).isInstanceOf(IllegalStateException.class);
        assertThat(source.healthy()).isFalse();
        f.clock.advance(TailFixture.REFRESH_MILLIS);
        assertThatThrownBy(() -> source.poll(10)).isInstanceOf(IllegalStateException.class);
        assertThat(source.healthy()).isFalse();

        broken.set(false);
        f.clock.advance(TailFixture.REFRESH_MILLIS);
        assertThat(texts(source.poll(10))).containsExactly("a0", "a1");
        assertThat(source.healthy()).isTrue();
    }

    @Test
    void acknowledgementsOutOfOrderNeverMoveTheCheckpointBack() throws Exception {
        TailFixture f = new TailFixture(dir, InitialPosition.START_OF_FILE);
        f.append(f.log, lines("a", 0, 4));
        FlowSource source = f.open();
        List<TailedRecord> records = f.drain();

        source.acknowledged(records.get(2).end());
        source.acknowledged(records.get(1).end());

        assertThat(f.store.get(f.flow.id()).orElseThrow().offset()).isEqualTo(records.get(2).end().offset());
        f.open();
        assertThat(texts(f.drain())).containsExactly("a3");
    }

    private static RecordSplitter failingWhile(AtomicBoolean broken, TailFixture f) {
        RecordSplitter real = RecordSplitters.forFlow(f.flow);
        return new RecordSplitter() {
            @Override
            public List<SplitRecord> feed(byte[] buffer, int offset, int length, long fileOffset) {
                if (broken.get()) {
                    throw new IllegalStateException("splitter broken for the test");
                }
                return real.feed(buffer, offset, length, fileOffset);
            }

            @Override
            public List<SplitRecord> finish() {
                return real.finish();
            }
        };
    }
}
