package io.sluice.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a shard iterator names: a position in one shard of one incarnation of a stream, and when it was issued
 * (iterators expire). Sealed into an opaque, signed token by {@link TokenSigner}.
 *
 * <p>Payload: u8 version=1 | utf account | utf region | utf stream | i64 streamCreatedAt | i32 shardIndex
 * | i64 offset | i64 issuedAt.
 */
record ShardIterator(StreamKey stream, long streamCreatedAt, int shardIndex, long offset, long issuedAt) {

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF(stream.account());
            out.writeUTF(stream.region());
            out.writeUTF(stream.name());
            out.writeLong(streamCreatedAt);
            out.writeInt(shardIndex);
            out.writeLong(offset);
            out.writeLong(issuedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a payload that passed the signature check; null if its layout is not ours. */
    static ShardIterator decodeOrNull(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readUnsignedByte() != 1) {
                return null;
            }
            StreamKey key = new StreamKey(in.readUTF(), in.readUTF(), in.readUTF());
            ShardIterator it = new ShardIterator(key, in.readLong(), in.readInt(), in.readLong(), in.readLong());
            return in.available() == 0 ? it : null;
        } catch (IOException e) {
            return null;
        }
    }
}
