package io.sluice.mappings.poll;

import io.sluice.common.UnsupportedFormatVersionException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored form of checkpoints: golden files of version 1 stay readable, other versions are refused. */
class CheckpointCodecTest {

    private static final String SEQ = "49590338271490256608559692538361571095921575989136588898";

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = CheckpointCodecTest.class.getResourceAsStream(name)) {
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
            return HexFormat.of().parseHex(hex);
        }
    }

    @Test
    void aVersionOneCheckpointWithWindowStateReadsAndWritesAsTheGoldenFile() throws IOException {
        byte[] golden = golden("checkpoint-v1.hex");

        Checkpoint read = CheckpointCodec.decode(golden, "golden");

        assertThat(read.kind()).isEqualTo(Checkpoint.Kind.AFTER_SEQUENCE);
        assertThat(read.sequenceNumber()).isEqualTo(SEQ);
        assertThat(read.windows()).hasSize(1);
        assertThat(read.windows().getFirst().slice()).isEqualTo(1);
        assertThat(read.windows().getFirst().windowStart()).isEqualTo(1_699_999_980_000L);
        assertThat(new String(read.windows().getFirst().state(), StandardCharsets.UTF_8))
                .isEqualTo("{\"count\":\"3\"}");
        assertThat(CheckpointCodec.encode(read)).isEqualTo(golden);
    }

    @Test
    void aVersionOneStartingTimestampReadsAsTheGoldenFile() throws IOException {
        byte[] golden = golden("checkpoint-v1-from-timestamp.hex");

        Checkpoint read = CheckpointCodec.decode(golden, "golden");

        assertThat(read).isEqualTo(Checkpoint.fromTimestamp(1_700_000_000_000L));
        assertThat(CheckpointCodec.encode(Checkpoint.fromTimestamp(1_700_000_000_000L))).isEqualTo(golden);
    }

    @Test
    void everyKindRoundTrips() {
        for (Checkpoint checkpoint : List.of(Checkpoint.fromStart(), Checkpoint.shardEnd(),
                Checkpoint.fromTimestamp(5), Checkpoint.after(SEQ, List.of()))) {
            assertThat(CheckpointCodec.decode(CheckpointCodec.encode(checkpoint), "k")).isEqualTo(checkpoint);
        }
    }

    @Test
    void anotherVersionIsRefusedNamingTheKey() throws IOException {
        byte[] bytes = golden("checkpoint-v1.hex");
        bytes[0] = 2;

        assertThatThrownBy(() -> CheckpointCodec.decode(bytes, "mapping-checkpoint/u/shardId-000000000000"))
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining("mapping-checkpoint/u/shardId-000000000000").hasMessageContaining("version 2");
    }

    @Test
    void anUnknownKindOrACutRecordIsRefused() throws IOException {
        byte[] kind = golden("checkpoint-v1.hex");
        kind[1] = 9;
        byte[] golden = golden("checkpoint-v1.hex");
        byte[] cut = java.util.Arrays.copyOf(golden, golden.length - 3);

        assertThatThrownBy(() -> CheckpointCodec.decode(kind, "k"))
                .isInstanceOf(UnsupportedFormatVersionException.class);
        assertThatThrownBy(() -> CheckpointCodec.decode(cut, "k")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cut short");
    }
}
