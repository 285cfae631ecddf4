package io.sluice.mappings.catalog;

import io.sluice.common.UnsupportedFormatVersionException;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingSettings;
import io.sluice.mappings.MappingState;
import io.sluice.mappings.StartingPosition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingCodecTest {

    private static final String UUID = "6f1c2a9e-8a0b-4d1e-9c55-0f3b2e7d4a10";
    private static final String KEY = "mapping/" + UUID;

    /** The mapping the golden file holds: every field set, so a field dropped from the format shows. */
    private static final EventSourceMapping GOLDEN = new EventSourceMapping(UUID, "123456789012", "us-east-1",
            "arn:aws:lambda:us-east-1:123456789012:function:handler:live",
            "arn:aws:kinesis:us-east-1:123456789012:stream/orders",
            new MappingSettings(500, 5, StartingPosition.AT_TIMESTAMP, 1_699_000_000_500L, 4, true, 3, 3600, true,
                    120, List.of("{\"data\":{\"kind\":[\"order\"]}}"),
                    "arn:aws:kinesis:us-east-1:123456789012:stream/failures", true),
            MappingState.ENABLED, "USER_INITIATED", 1_700_000_000_000L, Map.of("team", "orders", "env", "test"));

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = MappingCodecTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void version1IsWrittenExactlyAsTheGoldenFile() throws IOException {
        assertThat(new String(MappingCodec.encode(GOLDEN), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden("mapping-v1.json"), StandardCharsets.UTF_8));
    }

    @Test
    void theGoldenFileReadsBackAsTheSameMapping() throws IOException {
        assertThat(MappingCodec.decode(KEY, golden("mapping-v1.json"))).isEqualTo(GOLDEN);
    }

    @Test
    void aMinimalVersion1EntryWithFieldsAddedLaterStillReads() throws IOException {
        EventSourceMapping m = MappingCodec.decode(KEY, golden("mapping-v1-minimal.json"));

        assertThat(m.settings()).isEqualTo(new MappingSettings(100, 0, StartingPosition.LATEST, null, 1, false, -1,
                -1, false, 0, List.of(), null, false));
        assertThat(m.state()).isEqualTo(MappingState.DISABLED);
        assertThat(m.tags()).isEmpty();
    }

    @Test
    void anUnknownFormatVersionIsRefused() {
        String newer = new String(MappingCodec.encode(GOLDEN), StandardCharsets.UTF_8)
                .replace("\"format\":1", "\"format\":2");

        assertThatThrownBy(() -> MappingCodec.decode(KEY, newer.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(UnsupportedFormatVersionException.class,
                        e -> assertThat(e.version()).isEqualTo(2))
                .hasMessageContaining(KEY);
        assertThatThrownBy(() -> MappingCodec.decode(KEY, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnsupportedFormatVersionException.class);
    }

    @Test
    void onlyAMappingsOwnKeyIsAMappingKey() {
        assertThat(MappingCodec.isMappingKey(KEY)).isTrue();
        assertThat(MappingCodec.isMappingKey(KEY + "/checkpoint/shardId-000000000000")).isFalse();
        assertThat(MappingCodec.isMappingKey("stream:123456789012:us-east-1:orders")).isFalse();
    }
}
