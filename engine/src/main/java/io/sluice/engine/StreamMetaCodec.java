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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Binary form of {@link StreamMeta} in the metadata store.
 *
 * <p>Format (version 1), big-endian, strings as modified UTF-8 ({@link DataOutputStream#writeUTF}):
 * <pre>
 * u8 version=1 | utf account | utf region | utf name | i64 createdAt | i64 activeAt | i64 deletingAt
 * | i64 updatingUntil | i32 retentionHours | utf mode | i32 maxRecordSizeKiB | i32 nextShardIndex
 * | i32 shardCount x ( i32 index | utf start | utf end | i32 parent(-1) | i32 adjacentParent(-1)
 *                      | i64 createdAt | i64 closedAt | i64 endOffset )
 * | i32 tagCount x ( utf key | utf value ) | utf encryptionKeyId ("" = none)
 * | i32 metricCount x utf metric | i32 warmThroughputMiBps
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
            out.writeLong(meta.updatingUntil());
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
            out.writeInt(meta.tags().size());
            for (Map.Entry<String, String> tag : meta.tags().entrySet()) {
                out.writeUTF(tag.getKey());
                out.writeUTF(tag.getValue());
            }
            out.writeUTF(meta.encryptionKeyId() == null ? "" : meta.encryptionKeyId());
            out.writeInt(meta.shardLevelMetrics().size());
            for (String metric : meta.shardLevelMetrics()) {
                out.writeUTF(metric);
            }
            out.writeInt(meta.warmThroughputMiBps());
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
            long updatingUntil = in.readLong();
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
            Map<String, String> tags = new TreeMap<>();
            int tagCount = in.readInt();
            for (int i = 0; i < tagCount; i++) {
                tags.put(in.readUTF(), in.readUTF());
            }
            String keyId = in.readUTF();
            Set<String> metrics = new TreeSet<>();
            int metricCount = in.readInt();
            for (int i = 0; i < metricCount; i++) {
                metrics.add(in.readUTF());
            }
            return new StreamMeta(key, createdAt, activeAt, deletingAt, updatingUntil, retention, mode, maxRecordSize,
                    nextShardIndex, shards, tags, keyId.isEmpty() ? null : keyId, metrics, in.readInt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
