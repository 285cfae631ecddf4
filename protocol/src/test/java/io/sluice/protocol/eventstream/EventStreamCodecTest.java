package io.sluice.protocol.eventstream;

import io.sluice.common.ServiceException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStreamCodecTest {

    @Test
    void messageRoundTripsWithHeadersInOrder() {
        EventStreamMessage event = EventStreamMessage.event("SubscribeToShardEvent",
                "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8));
        EventStreamMessage decoded = EventStreamCodec.decode(EventStreamCodec.encode(event));
        assertThat(decoded.headers()).containsExactlyEntriesOf(event.headers());
        assertThat(decoded.payload()).isEqualTo(event.payload());
    }

    @Test
    void preludeCarriesLengthsAndItsOwnCrc() {
        byte[] bytes = EventStreamCodec.encode(EventStreamMessage.event("initial-response", "{}".getBytes()));
        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertThat(in.getInt()).isEqualTo(bytes.length);
        int headers = in.getInt();
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, 8);
        assertThat(in.getInt()).isEqualTo((int) crc.getValue());
        assertThat(bytes.length).isEqualTo(12 + headers + 2 + 4);
    }

    @Test
    void corruptOrTruncatedMessagesAreRefused() {
        byte[] bytes = EventStreamCodec.encode(EventStreamMessage.exception("ResourceInUseException",
                "{\"message\":\"x\"}".getBytes()));
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 6] ^= 1;
        assertThatThrownBy(() -> EventStreamCodec.decode(flipped)).isInstanceOf(ServiceException.class);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> EventStreamCodec.decode(truncated)).isInstanceOf(ServiceException.class);
    }
}
