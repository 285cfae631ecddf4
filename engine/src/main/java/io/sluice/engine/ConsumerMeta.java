package io.sluice.engine;

import io.sluice.common.ConsumerArn;
import io.sluice.common.UnsupportedFormatVersionException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * An enhanced fan-out consumer registered on one incarnation of a stream. Immutable.
 *
 * <p>Binary form in the metadata store: u8 version=1 | utf account | utf region | utf stream | i64 streamCreatedAt
 * | utf name | i64 createdAt | i64 activeAt | i64 deletingAt | i32 tagCount x (utf key | utf value). Version 1 is
 * the only one shipped; any other is refused with {@link UnsupportedFormatVersionException}.
 */
public record ConsumerMeta(StreamKey stream, long streamCreatedAt, String name, long createdAt, long activeAt,
                           long deletingAt, Map<String, String> tags) {

    public ConsumerMeta {
        tags = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    public ConsumerArn arn() {
        return new ConsumerArn(stream.arn(), name, createdAt / 1000);
    }

    public ConsumerStatus status(long now) {
        if (deletingAt >= 0) {
            return ConsumerStatus.DELETING;
        }
        return now < activeAt ? ConsumerStatus.CREATING : ConsumerStatus.ACTIVE;
    }

    ConsumerMeta deleting(long at) {
        return new ConsumerMeta(stream, streamCreatedAt, name, createdAt, activeAt, at, tags);
    }

    ConsumerMeta withTags(Map<String, String> newTags) {
        return new ConsumerMeta(stream, streamCreatedAt, name, createdAt, activeAt, deletingAt, newTags);
    }

    private static final int VERSION = 1;

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(stream.account());
            out.writeUTF(stream.region());
            out.writeUTF(stream.name());
            out.writeLong(streamCreatedAt);
            out.writeUTF(name);
            out.writeLong(createdAt);
            out.writeLong(activeAt);
            out.writeLong(deletingAt);
            out.writeInt(tags.size());
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                out.writeUTF(tag.getKey());
                out.writeUTF(tag.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes an entry read from {@code storeKey}, which error messages name. */
    static ConsumerMeta decode(String storeKey, byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new UnsupportedFormatVersionException("consumer metadata", storeKey, version, VERSION);
            }
            StreamKey stream = new StreamKey(in.readUTF(), in.readUTF(), in.readUTF());
            long streamCreatedAt = in.readLong();
            String name = in.readUTF();
            long createdAt = in.readLong();
            long activeAt = in.readLong();
            long deletingAt = in.readLong();
            Map<String, String> tags = new TreeMap<>();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                tags.put(in.readUTF(), in.readUTF());
            }
            if (in.available() != 0) {
                throw new IOException(in.available() + " unexpected bytes at the end");
            }
            return new ConsumerMeta(stream, streamCreatedAt, name, createdAt, activeAt, deletingAt, tags);
        } catch (IOException e) {
            throw new IllegalStateException("consumer metadata " + storeKey + " is damaged: " + e, e);
        }
    }
}
