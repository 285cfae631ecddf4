package io.sluice.engine;

import io.sluice.common.HashKeyRange;
import io.sluice.common.ShardId;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of {@link StreamMeta} in the metadata store.
 *
 * <p>Format (version 1), big-endian, strings as modified UTF-8 ({@link DataOutputStream#writeUTF}):
 * <pre>
 * u8 version=1 | utf account | utf region | utf name | i64 createdAt | i64 activeAt | i64 deletingAt
 * | i32 retentionHours | utf mode | i32 maxRecordSizeKiB | i32 nextShardIndex | i32 shardCount
 * | shardCount x ( i32 index | utf start | utf end | i32 parent(-1) | i32 adjacentParent(-1)
 *                  | i64 createdAt | i64 closedAt | i64 endOffset )
 * </pre>
 * Stateless and thread-safe.
 */
final class StreamMetaCodec {

    private static final int VERSION = 1;

    private StreamMetaCodec() {
    }

    static byte[] encode(StreamMeta meta) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(meta.key().account());
            out.writeUTF(meta.key().region());
            out.writeUTF(meta.key().name());
            out.writeLong(meta.createdAt());
            out.writeLong(meta.activeAt());
            out.writeLong(meta.deletingAt());
            out.writeInt(meta.retentionHours());
            out.writeUTF(meta.mode().name());
            out.writeInt(meta.maxRecordSizeKiB());
            out.writeInt(meta.nextShardIndex());
            out.writeInt(meta.shards().size());
            for (ShardMeta shard : meta.shards()) {
                out.writeInt(shard.id().index());
                out.writeUTF(shard.range().start().toString());
                out.writeUTF(shard.range().end().toString());
                out.writeInt(shard.parent() == null ? -1 : shard.parent().index());
                out.writeInt(shard.adjacentParent() == null ? -1 : shard.adjacentParent().index());
                out.writeLong(shard.createdAt());
                out.writeLong(shard.closedAt());
                out.writeLong(shard.endOffset());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static StreamMeta decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown stream metadata version " + version);
            }
            StreamKey key = new StreamKey(in.readUTF(), in.readUTF(), in.readUTF());
            long createdAt = in.readLong();
            long activeAt = in.readLong();
            long deletingAt = in.readLong();
            int retention = in.readInt();
            StreamMode mode = StreamMode.valueOf(in.readUTF());
            int maxRecordSize = in.readInt();
            int nextShardIndex = in.readInt();
            int count = in.readInt();
            List<ShardMeta> shards = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ShardId id = new ShardId(in.readInt());
                HashKeyRange range = new HashKeyRange(new BigInteger(in.readUTF()), new BigInteger(in.readUTF()));
                int parent = in.readInt();
                int adjacent = in.readInt();
                shards.add(new ShardMeta(id, range, parent < 0 ? null : new ShardId(parent),
                        adjacent < 0 ? null : new ShardId(adjacent), in.readLong(), in.readLong(), in.readLong()));
            }
            return new StreamMeta(key, createdAt, activeAt, deletingAt, retention, mode, maxRecordSize,
                    nextShardIndex, shards);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
