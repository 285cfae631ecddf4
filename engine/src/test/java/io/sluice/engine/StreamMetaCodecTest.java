package io.sluice.engine;

import io.sluice.common.HashKeyRange;
import io.sluice.common.SequenceNumber.Layout;
import io.sluice.common.ShardId;
import io.sluice.common.UnsupportedFormatVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamMetaCodecTest {

    private static final String KEY = "stream:123456789012:eu-west-1:päyments";

    private static StreamMeta meta(Layout layout) {
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(2);
        return new StreamMeta(new StreamKey("123456789012", "eu-west-1", "päyments"), 10, 20, -1, 99,
                48, StreamMode.ON_DEMAND, 2048, 3, List.of(
                new ShardMeta(new ShardId(0), ranges.get(0), null, null, 10, 30, 7),
                new ShardMeta(new ShardId(2), ranges.get(1), new ShardId(0), new ShardId(1), 30, -1, -1)),
                Map.of("team", "ünits", "env", ""), "alias/aws/kinesis", Set.of("IncomingBytes", "ALL"), 7, layout);
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void metadataRoundTripsThroughItsBinaryFormWithItsSequenceLayout(Layout layout) {
        StreamMeta meta = meta(layout);
        StreamMeta decoded = StreamMetaCodec.decode(KEY, StreamMetaCodec.encode(meta));
        assertThat(decoded).isEqualTo(meta);
        assertThat(decoded.shards()).allMatch(shard -> shard.sequenceLayout() == layout);
    }

    @Test
    void newStreamsGetFiftySixDigitSequenceNumbers() {
        StreamMeta meta = new StreamMeta(new StreamKey("1", "r", "s"), 0, 0, -1, -1, 24, StreamMode.PROVISIONED,
                1024, 1, List.of(new ShardMeta(new ShardId(0), HashKeyRange.evenSplit(1).get(0), null, null, 0, -1, -1)),
                Map.of(), null, Set.of(), 0);
        assertThat(meta.sequenceLayout()).isEqualTo(Layout.AWS_56);
        assertThat(meta.shards().getFirst().startingSequenceNumber().format()).hasSize(56);
    }

    @Test
    void readsTheLayoutShippedFrom8731af8WithVersionByteOne() {
        byte[] current = StreamMetaCodec.encode(meta(Layout.AWS_56));
        byte[] shipped = Arrays.copyOf(current, current.length - 1); // no sequence layout
        shipped[0] = 1;
        assertThat(StreamMetaCodec.decode(KEY, shipped)).isEqualTo(meta(Layout.COMPACT_38));
    }

    @Test
    void readsTheLayoutShippedAt94d823eWithoutWarmThroughput() {
        byte[] current = StreamMetaCodec.encode(meta(Layout.AWS_56));
        byte[] shipped = Arrays.copyOf(current, current.length - 5); // no warm throughput, no sequence layout
        shipped[0] = 1;
        StreamMeta expected = meta(Layout.COMPACT_38).toBuilder().warmThroughputMiBps(0).build();
        assertThat(StreamMetaCodec.decode(KEY, shipped)).isEqualTo(expected);
    }

    @Test
    void readsTheLayoutShippedAtEe7d622WithoutUpdatingUntilAndWhatCameLater() throws IOException {
        StreamMeta meta = meta(Layout.COMPACT_38);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) { // StreamMetaCodec.encode as of ee7d622
            out.writeByte(1);
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
        }
        StreamMeta expected = meta.toBuilder().updatingUntil(-1).tags(Map.of()).encryptionKeyId(null)
                .shardLevelMetrics(Set.of()).warmThroughputMiBps(0).build();
        assertThat(StreamMetaCodec.decode(KEY, bytes.toByteArray())).isEqualTo(expected);
    }

    @Test
    void aNewerVersionIsRefusedNamingTheKeyAndTheVersion() {
        byte[] bytes = StreamMetaCodec.encode(meta(Layout.AWS_56));
        bytes[0] = 3;
        assertThatThrownBy(() -> StreamMetaCodec.decode(KEY, bytes))
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining(KEY).hasMessageContaining("version 3").hasMessageContaining("up to 2");
    }

    @Test
    void aDamagedEntryIsReportedWithItsKey() {
        byte[] bytes = StreamMetaCodec.encode(meta(Layout.AWS_56));
        assertThatThrownBy(() -> StreamMetaCodec.decode(KEY, Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(KEY).hasMessageContaining("damaged");
    }
}
