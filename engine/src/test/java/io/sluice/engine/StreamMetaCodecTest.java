package io.sluice.engine;

import io.sluice.common.HashKeyRange;
import io.sluice.common.ShardId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StreamMetaCodecTest {

    @Test
    void metadataRoundTripsThroughItsBinaryForm() {
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(2);
        StreamMeta meta = new StreamMeta(new StreamKey("123456789012", "eu-west-1", "päyments"), 10, 20, -1, 99,
                48, StreamMode.ON_DEMAND, 2048, 3, List.of(
                new ShardMeta(new ShardId(0), ranges.get(0), null, null, 10, 30, 7),
                new ShardMeta(new ShardId(2), ranges.get(1), new ShardId(0), new ShardId(1), 30, -1, -1)),
                Map.of("team", "ünits", "env", ""), "alias/aws/kinesis", Set.of("IncomingBytes", "ALL"), 7);
        assertThat(StreamMetaCodec.decode(StreamMetaCodec.encode(meta))).isEqualTo(meta);
    }
}
