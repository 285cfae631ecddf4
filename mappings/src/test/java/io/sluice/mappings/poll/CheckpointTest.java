package io.sluice.mappings.poll;

import io.sluice.mappings.StartingPosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkpoints in the metadata store: a restart resumes after the last successful batch, never leaving a gap. */
class CheckpointTest {

    @TempDir
    Path dir;
    private PollerFixture fx;

    @BeforeEach
    void open() throws IOException {
        fx = new PollerFixture(dir);
        fx.createStream(1);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static List<String> range(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "r" + i).toList();
    }

    @Test
    void aRestartResumesAfterTheLastSuccessfulBatchRepeatingOnlyTheBatchInFlight() throws IOException {
        for (int i = 0; i < 10; i++) {
            fx.put("k", "r" + i);
        }
        fx.function.answer(event -> ScriptedFunction.data(event).contains("r6")
                ? ScriptedFunction.unhandled() : ScriptedFunction.ok(""));
        fx.run(PollerFixture.settings().batchSize(3));
        fx.drain();

        fx.restart();
        fx.function.answer(event -> ScriptedFunction.ok(""));
        fx.run(PollerFixture.settings().batchSize(3));
        fx.drain();

        assertThat(fx.function.deliveredData()).containsExactlyElementsOf(
                concat(range(0, 9), range(6, 10)));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void aRestartAfterEverySuccessfulBatchDeliversEachRecordOnce() throws IOException {
        for (int i = 0; i < 7; i++) {
            fx.put("k", "r" + i);
        }
        for (int round = 0; round < 4; round++) {
            fx.run(PollerFixture.settings().batchSize(2));
            fx.step();
            fx.restart();
        }
        fx.run(PollerFixture.settings().batchSize(2));
        fx.drain();

        assertThat(fx.function.deliveredData()).containsExactlyElementsOf(range(0, 7));
    }

    @Test
    void latestStartsAtTheTimeTheShardWasFirstSeenEvenAcrossARestart() throws IOException {
        fx.put("k", "before");
        fx.clock.advance(Duration.ofSeconds(1));
        fx.run(PollerFixture.settings().start(StartingPosition.LATEST, null));
        fx.step();
        fx.restart();
        fx.clock.advance(Duration.ofSeconds(1));
        fx.put("k", "after");
        fx.run(PollerFixture.settings().start(StartingPosition.LATEST, null));

        fx.drain();

        assertThat(fx.function.deliveredData()).containsExactly("after");
    }

    @Test
    void atTimestampStartsAtTheFirstRecordArrivedThen() {
        fx.put("k", "old");
        fx.clock.advance(Duration.ofSeconds(10));
        long from = fx.clock.millis();
        fx.put("k", "new");
        fx.run(PollerFixture.settings().start(StartingPosition.AT_TIMESTAMP, from));

        fx.drain();

        assertThat(fx.function.deliveredData()).containsExactly("new");
    }

    @Test
    void disablingKeepsTheCheckpointsAndReEnablingResumes() {
        fx.put("k", "r0");
        fx.run(PollerFixture.settings());
        fx.drain();
        fx.pollers.stop(PollerFixture.UUID);
        fx.put("k", "r1");
        fx.drain();
        assertThat(fx.host.running(fx.taskId())).isFalse();

        fx.run(PollerFixture.settings());
        fx.drain();

        assertThat(fx.function.deliveredData()).containsExactly("r0", "r1");
    }

    @Test
    void forgetDeletesEveryCheckpointOfTheMapping() {
        fx.put("k", "r0");
        fx.run(PollerFixture.settings());
        fx.drain();
        assertThat(keys()).isNotEmpty();

        fx.pollers.stop(PollerFixture.UUID);
        fx.pollers.forget(PollerFixture.UUID);

        assertThat(keys()).isEmpty();
        assertThat(fx.pollers.lastProcessingResult(PollerFixture.UUID)).isNull();
    }

    private HashSet<String> keys() {
        HashSet<String> keys = new HashSet<>();
        fx.metadata.entries().keySet().stream()
                .filter(k -> k.startsWith(Checkpoints.PREFIX + PollerFixture.UUID + "/")).forEach(keys::add);
        return keys;
    }

    @Test
    void recordsTheFilterRejectsAreCheckpointedPastWithoutAnInvocation() throws IOException {
        fx.filters = patterns -> record -> record.at("/data/kind").asText().equals("keep");
        fx.put("k", "{\"kind\":\"drop\"}");
        fx.put("k", "{\"kind\":\"keep\",\"n\":1}");
        fx.put("k", "not json");
        fx.put("k", "{\"kind\":\"drop\"}");
        fx.run(PollerFixture.settings().filters(List.of("{\"data\":{\"kind\":[\"keep\"]}}")));
        fx.drain();
        assertThat(fx.function.deliveredData()).containsExactly("{\"kind\":\"keep\",\"n\":1}");

        fx.restart();
        fx.function.clear();
        fx.run(PollerFixture.settings().filters(List.of("{\"data\":{\"kind\":[\"keep\"]}}")));
        fx.drain();

        assertThat(fx.function.invocations()).isZero();
        assertThat(keys()).hasSize(1);
    }
}
