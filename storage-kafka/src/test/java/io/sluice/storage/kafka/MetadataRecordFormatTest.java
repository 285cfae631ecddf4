package io.sluice.storage.kafka;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataRecordFormatTest {

    /** A version-1 record as it lies in the topic: key "stream:golden", value version 1 then "hi". */
    static final byte[] GOLDEN_KEY = HexFormat.of().parseHex("73747265616d3a676f6c64656e");
    static final byte[] GOLDEN_VALUE = HexFormat.of().parseHex("016869");

    @Test
    void aPutIsWrittenAsTheGoldenVersion1Bytes() {
        assertThat(MetadataRecordFormat.encodeKey("stream:golden")).isEqualTo(GOLDEN_KEY);
        assertThat(MetadataRecordFormat.encodeValue("hi".getBytes(StandardCharsets.UTF_8))).isEqualTo(GOLDEN_VALUE);
    }

    @Test
    void theGoldenVersion1BytesAreRead() throws Exception {
        assertThat(MetadataRecordFormat.decodeKey(GOLDEN_KEY, 0)).isEqualTo("stream:golden");
        assertThat(MetadataRecordFormat.decodeValue(GOLDEN_VALUE, 0)).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyValueAndATombstoneAreDistinct() throws Exception {
        assertThat(MetadataRecordFormat.encodeValue(new byte[0])).containsExactly(1);
        assertThat(MetadataRecordFormat.decodeValue(new byte[] {1}, 0)).isEmpty();
        assertThat(MetadataRecordFormat.decodeValue(null, 0)).isNull();
    }

    @Test
    void anUnknownVersionIsRefusedNamingTheOffset() {
        assertThatThrownBy(() -> MetadataRecordFormat.decodeValue(new byte[] {2, 'h', 'i'}, 42))
                .isInstanceOf(MetadataFormatException.class)
                .hasMessageContaining("offset 42")
                .hasMessageContaining("version 2")
                .satisfies(e -> assertThat(((MetadataFormatException) e).offset()).isEqualTo(42));
    }

    @Test
    void aValueWithoutVersionByteOrARecordWithoutKeyIsRefused() {
        assertThatThrownBy(() -> MetadataRecordFormat.decodeValue(new byte[0], 7))
                .isInstanceOf(MetadataFormatException.class).hasMessageContaining("offset 7");
        assertThatThrownBy(() -> MetadataRecordFormat.decodeKey(null, 8))
                .isInstanceOf(MetadataFormatException.class).hasMessageContaining("offset 8");
    }
}
