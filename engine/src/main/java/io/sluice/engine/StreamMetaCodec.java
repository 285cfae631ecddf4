package io.sluice.engine;

import io.sluice.common.HashKeyRange;
import io.sluice.common.SequenceNumber;
import io.sluice.common.ShardId;
import io.sluice.common.UnsupportedFormatVersionException;

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
 * Binary form of {@link StreamMeta} in the metadata store (key {@code stream:<account>:<region>:<name>}).
 *
 * <p>Version 2 (written now), big-endian, strings as modified UTF-8 ({@link DataOutputStream#writeUTF}):
 * <pre>
 * u8 version=2 | utf account | utf region | utf name | i64 createdAt | i64 activeAt | i64 deletingAt
 * | i64 updatingUntil | i32 retentionHours | utf mode | i32 maxRecordSizeKiB | i32 nextShardIndex
 * | i32 shardCount x ( i32 index | utf start | utf end | i32 parent(-1) | i32 adjacentParent(-1)
 *                      | i64 createdAt | i64 closedAt | i64 endOffset )
 * | i32 tagCount x ( utf key | utf value ) | utf encryptionKeyId ("" = none)
 * | i32 metricCount x utf metric | i32 warmThroughputMiBps | u8 sequenceLayout (1 = 38 digits, 2 = 56 digits)
 * </pre>
 *
 * <p>Version 1 was shipped in three layouts that all carry the version byte 1 (fields were added without bumping
 * it), and all of them are read, with 38-digit sequence numbers:
 * <ul>
 *   <li>ee7d622: up to the shards, without {@code updatingUntil} and without anything after the shards;</li>
 *   <li>94d823e: version 2's layout up to {@code metricCount x utf metric} (no warm throughput);</li>
 *   <li>8731af8 to 0a647f3: version 2's layout up to {@code warmThroughputMiBps}.</li>
 * </ul>
 * They are told apart by what is left: bytes read as the 94d823e layout must end exactly there (94d823e) or leave
 * exactly 4 bytes (8731af8, the warm throughput). Anything else, including a failed read, is read as the ee7d622
 * layout, which must consume every byte. (An ee7d622 entry cannot pass as a later one: its retention, mode length
 * and mode would have to read as an {@code updatingUntil} followed by a valid mode name.) Any other version is
 * refused with {@link UnsupportedFormatVersionException}.
 *
 * <p>Stateless and thread-safe.
 */
final class StreamMetaCodec {

    static final int VERSION = 2;
    private static final int LEGACY_VERSION = 1;
    private static final int COMPACT_38 = 1;
    private static final int AWS_56 = 2;

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
            out.writeByte(meta.sequenceLayout() == SequenceNumber.Layout.COMPACT_38 ? COMPACT_38 : AWS_56);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes an entry read from {@code storeKey}, which error messages name. */
    static StreamMeta decode(String storeKey, byte[] data) {
        int version = data.length == 0 ? 0 : data[0] & 0xFF;
        try {
            return switch (version) {
                case VERSION -> decodeCurrent(data);
                case LEGACY_VERSION -> decodeLegacy(data);
                default -> throw new UnsupportedFormatVersionException("stream metadata", storeKey, version, VERSION);
            };
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("stream metadata " + storeKey + " (version " + version
                    + ", " + data.length + " bytes) is damaged: " + e, e);
        }
    }

    private static StreamMeta decodeCurrent(byte[] data) throws IOException {
        DataInputStream in = input(data);
        Fields fields = Fields.read(in, true);
        int warm = in.readInt();
        SequenceNumber.Layout layout = switch (in.readUnsignedByte()) {
            case COMPACT_38 -> SequenceNumber.Layout.COMPACT_38;
            case AWS_56 -> SequenceNumber.Layout.AWS_56;
            default -> throw new IllegalArgumentException("unknown sequence-number layout");
        };
        requireEnd(in);
        return fields.meta(warm, layout);
    }

    private static StreamMeta decodeLegacy(byte[] data) throws IOException {
        try {
            DataInputStream in = input(data);
            Fields fields = Fields.read(in, true);
            switch (in.available()) {
                case 0:
                    return fields.meta(0, SequenceNumber.Layout.COMPACT_38);
                case 4:
                    return fields.meta(in.readInt(), SequenceNumber.Layout.COMPACT_38);
                default:
                    break;
            }
        } catch (IOException | IllegalArgumentException notThisLayout) {
            // read below as the oldest layout
        }
        DataInputStream in = input(data);
        Fields fields = Fields.read(in, false);
        requireEnd(in);
        return fields.meta(0, SequenceNumber.Layout.COMPACT_38);
    }

    private static DataInputStream input(byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        in.readUnsignedByte();
        return in;
    }

    private static void requireEnd(DataInputStream in) throws IOException {
        if (in.available() != 0) {
            throw new IllegalArgumentException(in.available() + " unexpected bytes at the end");
        }
    }

    /** Everything up to the shard-level metrics, or up to the shards for the ee7d622 layout. */
    private record Fields(StreamKey key, long createdAt, long activeAt, long deletingAt, long updatingUntil,
                          int retention, StreamMode mode, int maxRecordSize, int nextShardIndex,
                          List<ShardMeta> shards, Map<String, String> tags, String keyId, Set<String> metrics) {

        static Fields read(DataInputStream in, boolean since94d823e) throws IOException {
            StreamKey key = new StreamKey(in.readUTF(), in.readUTF(), in.readUTF());
            long createdAt = in.readLong();
            long activeAt = in.readLong();
            long deletingAt = in.readLong();
            long updatingUntil = since94d823e ? in.readLong() : -1;
            int retention = in.readInt();
            StreamMode mode = StreamMode.valueOf(in.readUTF());
            int maxRecordSize = in.readInt();
            int nextShardIndex = in.readInt();
            int count = in.readInt();
            List<ShardMeta> shards = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ShardId id = new ShardId(in.readInt());
                HashKeyRange range = new HashKeyRange(new BigInteger(in.readUTF()), new BigInteger(in.readUTF()));
                int parent = in.readInt();
                int adjacent = in.readInt();
                shards.add(new ShardMeta(id, range, parent < 0 ? null : new ShardId(parent),
                        adjacent < 0 ? null : new ShardId(adjacent), in.readLong(), in.readLong(), in.readLong()));
            }
            Map<String, String> tags = new TreeMap<>();
            Set<String> metrics = new TreeSet<>();
            String keyId = "";
            if (since94d823e) {
                int tagCount = in.readInt();
                for (int i = 0; i < tagCount; i++) {
                    tags.put(in.readUTF(), in.readUTF());
                }
                keyId = in.readUTF();
                int metricCount = in.readInt();
                for (int i = 0; i < metricCount; i++) {
                    metrics.add(in.readUTF());
                }
            }
            return new Fields(key, createdAt, activeAt, deletingAt, updatingUntil, retention, mode, maxRecordSize,
                    nextShardIndex, shards, tags, keyId.isEmpty() ? null : keyId, metrics);
        }

        StreamMeta meta(int warmThroughputMiBps, SequenceNumber.Layout layout) {
            return new StreamMeta(key, createdAt, activeAt, deletingAt, updatingUntil, retention, mode, maxRecordSize,
                    nextShardIndex, shards, tags, keyId, metrics, warmThroughputMiBps, layout);
        }
    }
}
