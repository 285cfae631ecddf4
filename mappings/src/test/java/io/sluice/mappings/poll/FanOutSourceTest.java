package io.sluice.mappings.poll;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A mapping whose source is an enhanced fan-out consumer reads through SubscribeToShard. */
class FanOutSourceTest {

    @TempDir
    Path dir;
    private PollerFixture fx;
    private String consumerArn;

    @BeforeEach
    void open() throws IOException {
        fx = new PollerFixture(dir);
        fx.createStream(1);
        consumerArn = fx.engine.consumers().register(PollerFixture.STREAM, "lambda-consumer", Map.of()).meta()
                .arn().toString();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void recordsArriveThroughTheConsumerWithTheStreamAsEventSource() {
        fx.put("k", "r1");
        fx.put("k", "r2");
        fx.pollers.run(PollerFixture.mapping(PollerFixture.settings(), consumerArn));

        fx.drain();
        fx.put("k", "r3");
        fx.drain();

        assertThat(fx.function.deliveredData()).containsExactly("r1", "r2", "r3");
        JsonNode record = fx.function.events().getFirst().at("/Records/0");
        assertThat(record.get("eventSourceARN").asText()).isEqualTo(PollerFixture.STREAM_ARN);
    }

    @Test
    void childrenFollowTheirParentThroughTheConsumerToo() {
        fx.put("k", "parent");
        fx.engine.shards().split(PollerFixture.STREAM, "shardId-000000000000", BigInteger.ONE.shiftLeft(127));
        fx.put("k", "child");
        fx.pollers.run(PollerFixture.mapping(PollerFixture.settings(), consumerArn));

        fx.drain();

        assertThat(fx.function.deliveredData()).containsExactly("parent", "child");
    }
}
