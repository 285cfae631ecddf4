package io.sluice.mappings.poll;

import io.sluice.engine.PutResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** ReportBatchItemFailures: retry from the lowest failed record; malformed answers fail the whole batch. */
class PartialBatchTest {

    @TempDir
    Path dir;
    private PollerFixture fx;
    private final List<PutResult> puts = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        fx = new PollerFixture(dir);
        fx.createStream(1);
        for (String data : List.of("r0", "r1", "r2", "r3")) {
            puts.add(fx.put("k", data));
        }
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private String seq(int i) {
        return puts.get(i).sequenceNumber().format();
    }

    /** Answers {@code first} to the first invocation and an empty success afterwards. */
    private void firstAnswer(String first) {
        AtomicInteger calls = new AtomicInteger();
        fx.function.answer(event -> ScriptedFunction.ok(calls.incrementAndGet() == 1 ? first : ""));
    }

    private void runAndSettle() {
        fx.run(PollerFixture.settings().itemFailures().retries(3));
        for (int i = 0; i < 3; i++) {
            fx.drain();
            fx.clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void theBatchIsRetriedFromTheLowestFailedSequenceNumber() {
        firstAnswer("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + seq(3) + "\"},{\"itemIdentifier\":\""
                + seq(2) + "\"}]}");

        runAndSettle();

        assertThat(fx.function.events()).extracting(ScriptedFunction::data)
                .containsExactly(List.of("r0", "r1", "r2", "r3"), List.of("r2", "r3"));
        assertThat(fx.pollers.lastProcessingResult(PollerFixture.UUID)).isEqualTo("OK");
    }

    @Test
    void aPartialFailureCountsAsARetry() {
        fx.function.answer(event -> ScriptedFunction.ok("{\"batchItemFailures\":[{\"itemIdentifier\":\""
                + ScriptedFunction.sequenceNumbers(event).getLast() + "\"}]}"));
        fx.run(PollerFixture.settings().itemFailures().retries(1).destination(PollerFixture.DLQ));
        for (int i = 0; i < 4; i++) {
            fx.drain();
            fx.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(fx.function.events()).extracting(ScriptedFunction::data)
                .containsExactly(List.of("r0", "r1", "r2", "r3"), List.of("r3"));
        assertThat(fx.observer.dropped.get()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{}", "{\"batchItemFailures\":[]}", "{\"batchItemFailures\":null}",
            "not json at all"})
    void anEmptyOrNullListIsACompleteSuccess(String answer) {
        firstAnswer(answer);

        runAndSettle();

        assertThat(fx.function.invocations()).isEqualTo(1);
        assertThat(fx.observer.errors.get()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
            "{\"batchItemFailures\":[{\"itemId\":\"SEQ\"}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"49590338271490256608559692538361571095921575989136588898\"}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":12}]}",
            "{\"batchItemFailures\":\"SEQ\"}"})
    void aMalformedOrUnknownIdentifierFailsTheWholeBatch(String answer) {
        firstAnswer(answer.replace("SEQ", seq(1)));

        runAndSettle();

        assertThat(fx.function.events()).extracting(ScriptedFunction::data)
                .containsExactly(List.of("r0", "r1", "r2", "r3"), List.of("r0", "r1", "r2", "r3"));
        assertThat(fx.observer.errors.get()).isEqualTo(1);
    }

    @Test
    void withoutReportBatchItemFailuresTheListIsIgnored() {
        firstAnswer("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + seq(2) + "\"}]}");
        fx.run(PollerFixture.settings());

        fx.drain();

        assertThat(fx.function.invocations()).isEqualTo(1);
    }

    @Test
    void withBisectAPartialResponseRetriesOnlyTheRestUnsplit() {
        firstAnswer("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + seq(1) + "\"}]}");
        fx.run(PollerFixture.settings().itemFailures().bisect().retries(3));
        for (int i = 0; i < 3; i++) {
            fx.drain();
            fx.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(fx.function.events()).extracting(ScriptedFunction::data)
                .containsExactly(List.of("r0", "r1", "r2", "r3"), List.of("r1", "r2", "r3"));
    }
}
