package io.sluice.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where a paginated listing goes on: the stream (ListShards) or the account and region (ListStreams), the last
 * item already returned, the filter in force, and when the token was issued (tokens expire).
 *
 * <p>Payload: u8 version=1 | utf account | utf region | utf stream ("" for ListStreams) | i64 streamCreatedAt
 * | utf lastItem | utf filterType ("" for none) | utf filterShardId | i64 filterTimestamp | i64 issuedAt.
 */
record PageToken(StreamKey scope, long streamCreatedAt, String lastItem, ShardFilter filter, long issuedAt) {

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF(scope.account());
            out.writeUTF(scope.region());
            out.writeUTF(scope.name());
            out.writeLong(streamCreatedAt);
            out.writeUTF(lastItem);
            out.writeUTF(filter == null ? "" : filter.type().name());
            out.writeUTF(filter == null || filter.shardId() == null ? "" : filter.shardId());
            out.writeLong(filter == null ? -1 : filter.timestampMillis());
            out.writeLong(issuedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PageToken decodeOrNull(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readUnsignedByte() != 1) {
                return null;
            }
            StreamKey scope = new StreamKey(in.readUTF(), in.readUTF(), in.readUTF());
            long createdAt = in.readLong();
            String last = in.readUTF();
            String type = in.readUTF();
            String shardId = in.readUTF();
            long timestamp = in.readLong();
            long issuedAt = in.readLong();
            ShardFilter filter = type.isEmpty() ? null
                    : new ShardFilter(ShardFilter.Type.valueOf(type), shardId.isEmpty() ? null : shardId, timestamp);
            return in.available() == 0 ? new PageToken(scope, createdAt, last, filter, issuedAt) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
