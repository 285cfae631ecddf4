package io.sluice.mappings.poll;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.mappings.invoke.LambdaInvoker.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tumbling windows: state carried between invocations, a final invocation when the window ends. */
class TumblingWindowTest {

    /** 1_700_000_000 s is 20 s into a minute: the first 60-second window starts 20 s before the clock's start. */
    private static final long WINDOW_START = 1_699_999_980_000L;

    @TempDir
    Path dir;
    private PollerFixture fx;

    @BeforeEach
    void open() throws IOException {
        fx = new PollerFixture(dir);
        fx.createStream(1);
        fx.function.answer(TumblingWindowTest::count);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** A function that counts records per window in its state. */
    private static Invocation count(JsonNode event) {
        int count = event.get("state").path("count").asInt(0) + event.get("Records").size();
        return ScriptedFunction.ok("{\"state\":{\"count\":\"" + count + "\"}}");
    }

    @Test
    void stateIsCarriedThroughTheWindowAndTheFinalInvocationComesWhenItEnds() {
        fx.put("k", "r1");
        fx.put("k", "r2");
        fx.run(PollerFixture.settings().tumbling(60));
        fx.drain();
        fx.clock.advance(Duration.ofSeconds(10));
        fx.put("k", "r3");
        fx.drain();
        fx.clock.advance(Duration.ofSeconds(30));
        fx.drain();
        fx.put("k", "r4");
        fx.drain();

        List<JsonNode> events = fx.function.events();
        assertThat(events).extracting(ScriptedFunction::data).containsExactly(List.of("r1", "r2"), List.of("r3"),
                List.of(), List.of("r4"));
        assertThat(events).extracting(e -> e.get("state").toString()).containsExactly("{}", "{\"count\":\"2\"}",
                "{\"count\":\"3\"}", "{}");
        assertThat(events).extracting(e -> e.get("isFinalInvokeForWindow").asBoolean())
                .containsExactly(false, false, true, false);
        JsonNode first = events.getFirst();
        assertThat(first.at("/window/start").asText()).isEqualTo(Instant.ofEpochMilli(WINDOW_START).toString());
        assertThat(first.at("/window/end").asText()).isEqualTo(
                Instant.ofEpochMilli(WINDOW_START + 60_000).toString());
        assertThat(first.get("shardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(first.get("eventSourceARN").asText()).isEqualTo(PollerFixture.STREAM_ARN);
        assertThat(first.get("isWindowTerminatedEarly").asBoolean()).isFalse();
        assertThat(events.getLast().at("/window/start").asText())
                .isEqualTo(Instant.ofEpochMilli(WINDOW_START + 60_000).toString());
    }

    @Test
    void anAnswerWithoutStateIsAFailedInvocation() {
        fx.function.answer(event -> ScriptedFunction.ok("{}"));
        fx.put("k", "r1");
        fx.run(PollerFixture.settings().tumbling(60).retries(0));

        fx.drain();

        assertThat(fx.observer.errors.get()).isEqualTo(1);
        assertThat(fx.observer.dropped.get()).isEqualTo(1);
    }

    @Test
    void theStateSurvivesARestart() throws IOException {
        fx.put("k", "r1");
        fx.run(PollerFixture.settings().tumbling(60));
        fx.drain();

        fx.restart();
        fx.function.clear();
        fx.run(PollerFixture.settings().tumbling(60));
        fx.put("k", "r2");
        fx.drain();

        assertThat(fx.function.events()).extracting(e -> e.get("state").toString())
                .containsExactly("{\"count\":\"1\"}");
    }

    @Test
    void aWindowClosesAtTheEndOfItsShard() {
        fx.put("k", "r1");
        fx.run(PollerFixture.settings().tumbling(60));
        fx.drain();
        fx.engine.shards().split(PollerFixture.STREAM, "shardId-000000000000", BigInteger.ONE.shiftLeft(127));
        fx.put("k", "r2");

        fx.drain();

        List<JsonNode> events = fx.function.events();
        assertThat(events).extracting(ScriptedFunction::data).containsExactly(List.of("r1"), List.of(),
                List.of("r2"));
        assertThat(events.get(1).get("isFinalInvokeForWindow").asBoolean()).isTrue();
        assertThat(events.get(1).get("shardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(events.get(2).get("state").toString()).as("the child starts with a fresh state").isEqualTo("{}");
    }

    @Test
    void aStateOverOneMegabyteEndsTheWindowEarlyAndTheWindowGoesOnWithAFreshState() {
        String big = "x".repeat(1_100_000);
        fx.function.answer(event -> ScriptedFunction.data(event).contains("r1")
                ? ScriptedFunction.ok("{\"state\":{\"big\":\"" + big + "\"}}")
                : ScriptedFunction.ok("{\"state\":{}}"));
        fx.put("k", "r1");
        fx.run(PollerFixture.settings().tumbling(60));
        fx.drain();
        fx.put("k", "r2");
        fx.drain();

        List<JsonNode> events = fx.function.events();
        assertThat(events).extracting(ScriptedFunction::data).containsExactly(List.of("r1"), List.of(),
                List.of("r2"));
        assertThat(events.get(1).get("isFinalInvokeForWindow").asBoolean()).isTrue();
        assertThat(events.get(1).get("isWindowTerminatedEarly").asBoolean()).isTrue();
        assertThat(events.get(1).at("/state/big").asText()).hasSize(1_100_000);
        assertThat(events.get(2).get("state").toString()).isEqualTo("{}");
        assertThat(events.get(2).at("/window/start").asText()).isEqualTo(events.get(0).at("/window/start").asText());
    }
}
