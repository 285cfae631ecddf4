package io.sluice.firehose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.UnsupportedFormatVersionException;
import io.sluice.firehose.config.Processing;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryStreamMetaCodecTest {

    private final DeliveryStreamMetaCodec codec = new DeliveryStreamMetaCodec();
    private final DeliveryStreamMeta meta = new DeliveryStreamMeta(Fixture.key("orders"), DeliveryStreamType.DirectPut,
            1, 2, 3, -1, 1, null, null,
            Fixture.extendedS3(Fixture.s3("bucket", "p/", null, null), Processing.NONE), Map.of("team", "a"), null);

    @Test
    void metadataRoundTripsAndIsWrittenWithItsFormatVersion() throws Exception {
        byte[] bytes = codec.encode(meta);
        assertThat(new ObjectMapper().readTree(bytes).get("formatVersion").asInt()).isEqualTo(2);
        assertThat(codec.decode("stream/x", bytes)).isEqualTo(meta);
    }

    @Test
    void jsonWithoutAFormatVersionIsTheShippedVersionOne() throws Exception {
        byte[] shipped = new ObjectMapper().writeValueAsBytes(meta); // as DeliveryStreamRegistry wrote it until 0a647f3
        assertThat(codec.decode("stream/x", shipped)).isEqualTo(meta);
    }

    @Test
    void aNewerVersionIsRefusedNamingTheKey() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(codec.encode(meta));
        tree.put("formatVersion", 3);
        byte[] newer = json.writeValueAsBytes(tree);
        assertThatThrownBy(() -> codec.decode("stream/000000000000/us-east-1/orders", newer))
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining("stream/000000000000/us-east-1/orders").hasMessageContaining("version 3");
    }

    @Test
    void anMskSourceRoundTrips() {
        DeliveryStreamMeta msk = new DeliveryStreamMeta(Fixture.key("from-msk"), DeliveryStreamType.MSKAsSource, 1, 2,
                3, -1, 1, null, null, meta.destination(), Map.of(), null,
                new MskSource("arn:aws:kafka:us-east-1:000000000000:cluster/local/x", "orders",
                        "arn:aws:iam::000000000000:role/r", "PRIVATE", 0, 1));
        assertThat(codec.decode("stream/x", codec.encode(msk))).isEqualTo(msk);
    }

    @Test
    void entriesWrittenBeforeMskSourcesExistedHaveNone() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(codec.encode(meta));
        tree.remove("mskSource");
        assertThat(codec.decode("stream/x", json.writeValueAsBytes(tree)).mskSource()).isNull();
    }
}
