package io.sluice.storage.kafka;

import io.sluice.engine.limits.ShardUsage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The format of a record in the usage topic ({@link KafkaUsageExchange}): one node's usage of the shards' budgets
 * over one exchange interval.
 *
 * <p><b>Format</b>: the Kafka record key is the sending exchange's instance id (UTF-8), by which a node skips its
 * own reports. The value, big-endian:
 * <pre>
 *   int8   version           1
 *   int32  count             entries that follow
 *   count times:
 *     utf    account         (java.io.DataOutput#writeUTF: uint16 length, modified UTF-8)
 *     utf    region
 *     utf    stream          the stream's name
 *     int64  streamCreatedAt epoch ms: the stream's incarnation
 *     int32  shard           the shard's index
 *     int64  writeBytes
 *     int64  writeRecords
 *     int64  readCalls
 *     int64  readBytes
 * </pre>
 * No headers.
 *
 * <p><b>Recovery rule</b>: usage is advisory and short-lived (the topic keeps it a minute), so a record that does
 * not decode (another version, from a newer Sluice during a rolling upgrade, or damaged) is skipped by the reader
 * ({@link #decode} throws {@link IllegalArgumentException} naming the version or the fault): the shards it names
 * then admit that node's usage more, never less, until both run the same version.
 *
 * <p><b>Threading</b>: stateless.
 */
final class UsageRecordFormat {

    static final byte VERSION = 1;

    private UsageRecordFormat() {
    }

    static byte[] encode(List<ShardUsage> usage) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + usage.size() * 96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(usage.size());
            for (ShardUsage shard : usage) {
                out.writeUTF(shard.account());
                out.writeUTF(shard.region());
                out.writeUTF(shard.stream());
                out.writeLong(shard.streamCreatedAt());
                out.writeInt(shard.shard());
                out.writeLong(shard.writeBytes());
                out.writeLong(shard.writeRecords());
                out.writeLong(shard.readCalls());
                out.writeLong(shard.readBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException a version other than 1, or a value that does not decode */
    static List<ShardUsage> decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("usage record without a version byte");
        }
        if (value[0] != VERSION) {
            throw new IllegalArgumentException("usage record of format version " + value[0] + " (this node reads "
                    + VERSION + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value, 1, value.length - 1))) {
            int count = in.readInt();
            if (count < 0 || count > value.length) {
                throw new IllegalArgumentException("usage record claims " + count + " entries in " + value.length
                        + " bytes");
            }
            List<ShardUsage> usage = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                usage.add(new ShardUsage(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readInt(),
                        in.readLong(), in.readLong(), in.readLong(), in.readLong()));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("usage record has " + in.available() + " bytes past its entries");
            }
            return usage;
        } catch (IOException e) {
            throw new IllegalArgumentException("usage record is truncated", e);
        }
    }
}
