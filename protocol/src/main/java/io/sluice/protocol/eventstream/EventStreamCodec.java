package io.sluice.protocol.eventstream;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The AWS event-stream framing ({@code application/vnd.amazon.eventstream}), all integers big-endian:
 * <pre>
 * u32 total length (whole message, both CRCs included) | u32 headers length | u32 prelude CRC32 (of the 8 bytes
 * before it) | headers | payload | u32 message CRC32 (of everything before it)
 * header: u8 name length | name (UTF-8) | u8 type | value; type 7 (string) = u16 length | UTF-8
 * </pre>
 * Encoding writes string headers only (all Kinesis sends). Decoding accepts the string header type and refuses
 * other types, bad lengths and bad CRCs with a SerializationException: it is here for the tests and for clients
 * of Sluice. Stateless and thread-safe.
 */
public final class EventStreamCodec {

    /** Limits the format sets: a message's payload and its headers. */
    public static final int MAX_PAYLOAD = 24 * 1024 * 1024;
    public static final int MAX_HEADERS = 128 * 1024;
    private static final int PRELUDE = 12;
    private static final int STRING = 7;

    private EventStreamCodec() {
    }

    public static byte[] encode(EventStreamMessage message) {
        byte[] headers = encodeHeaders(message.headers());
        int total = PRELUDE + headers.length + message.payload().length + 4;
        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(total).putInt(headers.length).putInt((int) crc(out.array(), 0, 8));
        out.put(headers).put(message.payload());
        out.putInt((int) crc(out.array(), 0, total - 4));
        return out.array();
    }

    private static byte[] encodeHeaders(Map<String, String> headers) {
        int size = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            size += 1 + utf8(header.getKey()).length + 1 + 2 + utf8(header.getValue()).length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            byte[] name = utf8(header.getKey());
            byte[] value = utf8(header.getValue());
            out.put((byte) name.length).put(name).put((byte) STRING).putShort((short) value.length).put(value);
        }
        return out.array();
    }

    /** Decodes exactly one message that fills {@code bytes}. */
    public static EventStreamMessage decode(byte[] bytes) {
        if (bytes.length < PRELUDE + 4) {
            throw malformed("shorter than a prelude");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int total = in.getInt();
        int headersLength = in.getInt();
        int preludeCrc = in.getInt();
        if (total != bytes.length || headersLength < 0 || headersLength > MAX_HEADERS
                || PRELUDE + headersLength + 4 > total || total - PRELUDE - headersLength - 4 > MAX_PAYLOAD) {
            throw malformed("lengths do not add up");
        }
        if ((int) crc(bytes, 0, 8) != preludeCrc || (int) crc(bytes, 0, total - 4) != in.getInt(total - 4)) {
            throw malformed("CRC mismatch");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int headersEnd = PRELUDE + headersLength;
        while (in.position() < headersEnd) {
            int nameLength = in.get() & 0xFF;
            if (nameLength == 0 || in.position() + nameLength + 3 > headersEnd) {
                throw malformed("bad header");
            }
            String name = new String(bytes, in.position(), nameLength, StandardCharsets.UTF_8);
            in.position(in.position() + nameLength);
            if (in.get() != STRING) {
                throw malformed("header " + name + " is not a string");
            }
            int valueLength = in.getShort() & 0xFFFF;
            if (in.position() + valueLength > headersEnd) {
                throw malformed("bad header value");
            }
            headers.put(name, new String(bytes, in.position(), valueLength, StandardCharsets.UTF_8));
            in.position(in.position() + valueLength);
        }
        byte[] payload = new byte[total - headersEnd - 4];
        System.arraycopy(bytes, headersEnd, payload, 0, payload.length);
        return new EventStreamMessage(headers, payload);
    }

    private static long crc(byte[] bytes, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, length);
        return crc.getValue();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ServiceException malformed(String why) {
        return new ServiceException(ErrorType.SERIALIZATION, "Malformed event-stream message: " + why + ".");
    }
}
