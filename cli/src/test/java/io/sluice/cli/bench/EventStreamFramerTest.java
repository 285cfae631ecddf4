package io.sluice.cli.bench;

import io.netty.buffer.Unpooled;
import io.sluice.protocol.eventstream.EventStreamCodec;
import io.sluice.protocol.eventstream.EventStreamMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStreamFramerTest {

    @Test
    void messagesComeOutWholeHoweverTheChunksCutThem() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(EventStreamCodec.encode(EventStreamMessage.event("initial-response", bytes("{}"))));
        stream.writeBytes(EventStreamCodec.encode(EventStreamMessage.event("SubscribeToShardEvent",
                bytes("{\"Records\":[]}"))));
        stream.writeBytes(EventStreamCodec.encode(EventStreamMessage.event("SubscribeToShardEvent",
                bytes("{\"MillisBehindLatest\":0}"))));
        byte[] all = stream.toByteArray();
        EventStreamFramer framer = new EventStreamFramer();
        List<String> types = new ArrayList<>();

        for (int at = 0; at < all.length; at += 7) {
            framer.add(Unpooled.wrappedBuffer(all, at, Math.min(7, all.length - at)),
                    message -> types.add(message.headers().get(":event-type")));
        }

        assertThat(types).containsExactly("initial-response", "SubscribeToShardEvent", "SubscribeToShardEvent");
    }

    @Test
    void bytesThatAreNotAnEventStreamAreRefused() {
        EventStreamFramer framer = new EventStreamFramer();

        assertThatThrownBy(() -> framer.add(Unpooled.wrappedBuffer(bytes("{\"message\":\"oops\"}")), message -> { }))
                .hasMessageContaining("not an event stream");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
