package io.sluice.protocol.fuzz;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.protocol.eventstream.EventStreamCodec;
import io.sluice.protocol.eventstream.EventStreamMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-stream decoder against random and mutated frames: a frame decodes to what was encoded, or is refused
 * with a SerializationException; nothing else, and never a hang. A long campaign:
 * {@code ./mvnw -pl protocol test -Dtest=EventStreamFuzzTest -Djqwik.tries.default=200000}.
 */
class EventStreamFuzzTest {

    @Property
    void randomBytesAreRefusedCleanly(@ForAll byte[] bytes) {
        decodeOrRefuse(bytes);
    }

    @Property
    void mutatedFramesDecodeOrAreRefused(@ForAll("frames") byte[] frame, @ForAll int position, @ForAll byte value,
                                         @ForAll boolean truncate) {
        byte[] mutated = frame.clone();
        int at = Math.floorMod(position, mutated.length);
        if (truncate) {
            mutated = java.util.Arrays.copyOf(mutated, at);
        } else {
            mutated[at] = value;
        }
        decodeOrRefuse(mutated);
    }

    @Property
    void encodedFramesRoundTrip(@ForAll("payloads") byte[] payload, @ForAll("names") String type) {
        EventStreamMessage message = EventStreamMessage.event(type, payload);
        EventStreamMessage decoded = EventStreamCodec.decode(EventStreamCodec.encode(message));
        assertThat(decoded.headers()).isEqualTo(message.headers());
        assertThat(decoded.payload()).isEqualTo(payload);
    }

    @Provide
    Arbitrary<byte[]> frames() {
        return payloads().map(p -> EventStreamCodec.encode(new EventStreamMessage(
                Map.of(":message-type", "event", ":event-type", "SubscribeToShardEvent"), p)));
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40);
    }

    private static void decodeOrRefuse(byte[] bytes) {
        try {
            EventStreamCodec.decode(bytes);
        } catch (ServiceException e) {
            assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION);
        }
    }
}
