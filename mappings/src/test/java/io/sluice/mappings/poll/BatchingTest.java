package io.sluice.mappings.poll;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch is flushed when it is full, when the batching window ends, or at 6 MB. */
class BatchingTest {

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

    @Test
    void recordsGoOutInBatchesOfBatchSizeInOrder() {
        for (int i = 0; i < 250; i++) {
            fx.put("k" + i, "r" + i);
        }
        fx.run(PollerFixture.settings().batchSize(100));

        fx.drain();

        assertThat(fx.function.events()).extracting(e -> e.get("Records").size()).containsExactly(100, 100, 50);
        assertThat(fx.function.deliveredData()).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 250).mapToObj(i -> "r" + i).toList());
    }

    @Test
    void aBatchWaitsForItsBatchingWindowUnlessItFills() {
        fx.run(PollerFixture.settings().batchSize(5).window(10));
        fx.put("a", "1");
        fx.put("a", "2");

        fx.drain();
        fx.clock.advance(Duration.ofSeconds(9));
        fx.drain();
        assertThat(fx.function.invocations()).isZero();

        fx.clock.advance(Duration.ofSeconds(1));
        fx.drain();
        assertThat(fx.function.events()).extracting(ScriptedFunction::data)
                .containsExactly(java.util.List.of("1", "2"));

        for (int i = 3; i <= 7; i++) {
            fx.put("a", String.valueOf(i));
        }
        fx.drain();
        assertThat(fx.function.events()).hasSize(2);
        assertThat(ScriptedFunction.data(fx.function.events().get(1))).containsExactly("3", "4", "5", "6", "7");
    }

    @Test
    void aBatchIsFlushedBeforeItsPayloadPassesSixMegabytes() {
        byte[] big = new byte[1_000_000];
        Arrays.fill(big, (byte) 'x');
        for (int i = 0; i < 9; i++) {
            fx.put("k" + i, big);
        }
        fx.run(PollerFixture.settings().batchSize(10_000).window(300));

        fx.drain();

        assertThat(fx.function.events()).extracting(e -> e.get("Records").size()).containsExactly(4, 4);
        assertThat(fx.function.payloads()).allSatisfy(p ->
                assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(6 * 1024 * 1024));

        fx.clock.advance(Duration.ofSeconds(300));
        fx.drain();
        JsonNode last = fx.function.events().getLast();
        assertThat(last.get("Records").size()).isEqualTo(1);
    }
}
