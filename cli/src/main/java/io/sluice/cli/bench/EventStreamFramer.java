package io.sluice.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.sluice.protocol.eventstream.EventStreamCodec;
import io.sluice.protocol.eventstream.EventStreamMessage;

import java.util.function.Consumer;

/**
 * Cuts a streamed {@code application/vnd.amazon.eventstream} body into messages, whatever the chunks' sizes:
 * each message starts with its total length. Decoding and CRC checks are the protocol module's. Not thread-safe:
 * one per subscription.
 */
final class EventStreamFramer {

    /** Prelude (12 bytes) and message CRC (4 bytes): the smallest message there is. */
    private static final int MIN_MESSAGE = 16;
    private static final int MAX_MESSAGE = EventStreamCodec.MAX_PAYLOAD + EventStreamCodec.MAX_HEADERS + MIN_MESSAGE;

    private final ByteBuf pending = Unpooled.buffer();

    /** Takes the bytes of {@code chunk} and hands every message now complete to {@code messages}, in order. */
    void add(ByteBuf chunk, Consumer<EventStreamMessage> messages) {
        pending.writeBytes(chunk, chunk.readerIndex(), chunk.readableBytes());
        while (pending.readableBytes() >= 4) {
            int total = pending.getInt(pending.readerIndex());
            if (total < MIN_MESSAGE || total > MAX_MESSAGE) {
                throw new IllegalStateException("not an event stream: a message of " + total + " bytes");
            }
            if (pending.readableBytes() < total) {
                break;
            }
            byte[] message = new byte[total];
            pending.readBytes(message);
            messages.accept(EventStreamCodec.decode(message));
        }
        pending.discardReadBytes();
    }

    /** Drops a message cut short, before the bytes of a new subscription come. */
    void clear() {
        pending.clear();
    }
}
